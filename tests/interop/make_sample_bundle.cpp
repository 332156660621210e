// Writes a sample of every signed Hearth file, made by the core with fixed keys
// (sample_keys.hpp), for an independent verifier (verify_bundle.mjs) and as the fuzz target's
// seed corpus:
//
//   make_sample_bundle OUT_DIR [FUZZ_SEED_DIR]
//
// OUT_DIR receives
//   district-sign.pub   the district's Ed25519 public key (32 bytes): the trust anchor
//   district-box.pub    its X25519 public key (32 bytes)
//   district-box.key    its X25519 secret key (32 bytes): opens the sealed bundles
//   bundle-1.hearth     events 1–40 of another district computer, sealed (HEARTHSB)
//   bundle-2.hearth     events 41–100, sealed: a range that does not start at 1
//   bundle-2-plain.hearth  the same, unsealed (HEARTHBN)
//   device-cert.bin / .txt, device-request.bin / .txt, receipt.bin, device-key.bin
//   refused-*.hearth    bundles signed by the device but wrong inside (chain, device, role,
//                       certificate): the verifier must refuse each for the core's reason
//   expect.json         what the core says about each bundle (device, range, hashes; the
//                       reason it refuses each refused-*.hearth)
// FUZZ_SEED_DIR, when given, receives inputs for tests/fuzz/fuzz_bundle.cpp (its first byte
// chooses the mode: see that file).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "sample_keys.hpp"
#include "state.hpp"
#include "synthetic.hpp"

using namespace hearth;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, std::span<const std::uint8_t> bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + p.string());
}
void write(const fs::path& p, std::string_view text) {
  write(p, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}
Bytes with_mode(std::uint8_t mode, std::span<const std::uint8_t> rest) {
  Bytes out{mode};
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

// Signed mode input of fuzz_bundle: flags, the header's fields, then the events section.
Bytes signed_mode_seed(std::uint8_t flags, const std::vector<StoredEvent>& events, const Hash256& prev) {
  Bytes out{1, flags};
  ByteWriter w(out);
  w.le(events.front().seq);
  w.le(events.back().seq);
  w.le(static_cast<std::uint32_t>(events.size()));
  w.raw(prev);
  w.raw(blake2b_256(events.back().bytes));
  w.le(sample::kNowMs + 60000);
  for (const auto& e : events) w.blob(e.bytes);
  return out;
}

// The unsealed bundle `inner` with one byte of its header changed (at `at` from the end of
// the certificate: first, last, count, prev, last_hash…), signed again by `keys` and sealed:
// a bundle its device did sign, whose contents contradict its header.
Bytes resign(const DeviceKeys& keys, const Bytes& inner, std::size_t at, std::uint8_t flip, const BoxPublicKey& to) {
  ByteReader r(inner);
  r.raw(10);
  const std::size_t cert_end = 14 + r.blob().size();
  const std::size_t signed_length = cert_end + 8 + 8 + 4 + 32 + 32 + 8 + 32;
  Bytes out(inner.begin(), inner.begin() + static_cast<std::ptrdiff_t>(signed_length));
  out[cert_end + at] ^= flip;
  const Signature sig = keys.sign.sign(out);
  out.insert(out.end(), sig.begin(), sig.end());
  out.insert(out.end(), inner.begin() + static_cast<std::ptrdiff_t>(signed_length + 64), inner.end());
  const std::string_view magic = "HEARTHSB";
  Bytes sealed(magic.begin(), magic.end());
  ByteWriter w(sealed);
  w.le(kBundleVersion);
  w.raw(to);
  w.raw(seal_to(to, out, sample::seed(0x70)));
  return sealed;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 2) {
    std::cerr << "usage: make_sample_bundle OUT_DIR [FUZZ_SEED_DIR]\n";
    return 2;
  }
  const fs::path dir = argv[1];
  fs::create_directories(dir);

  const DeviceKeys district = sample::district();
  const DeviceKeys device = sample::device();
  const Certificate cert = sample::device_certificate();

  // The device's ledger: a small synthetic district, every event through the real commands.
  Workspace ws(device.device);
  std::vector<SealedEvent> events;
  generate_district(ws, 20261129, DistrictScale::divided_by(5000), [&](const SealedEvent& e) {
    if (events.size() < 100) events.push_back(e);
  });
  if (events.size() < 100) throw std::runtime_error("the synthetic ledger has fewer than 100 events");
  const auto all = sample::stored(events);
  const std::span<const StoredEvent> part1(all.data(), 40), part2(all.data() + 40, 60);

  const std::int64_t made = sample::kNowMs + 2 * 3600000;
  const Bytes sealed1 = make_bundle(device, cert, part1, Hash256{}, made, true, sample::seed(0x51));
  const Bytes sealed2 = make_bundle(device, cert, part2, events[39].hash, made, true, sample::seed(0x52));
  const Bytes plain2 = make_bundle(device, cert, part2, events[39].hash, made, false, sample::seed(0x52));

  // The core itself must accept what it made.
  for (const Bytes* b : {&sealed1, &sealed2, &plain2}) {
    auto opened = open_bundle(*b, &district.box);
    if (auto* p = std::get_if<TrustProblem>(&opened)) throw std::runtime_error("the core refuses its own bundle: " + p->message + " " + p->detail);
  }

  write(dir / "district-sign.pub", district.sign.public_key);
  write(dir / "district-box.pub", district.box.public_key);
  write(dir / "district-box.key", district.box.secret_key);
  write(dir / "bundle-1.hearth", sealed1);
  write(dir / "bundle-2.hearth", sealed2);
  write(dir / "bundle-2-plain.hearth", plain2);
  write(dir / "device-cert.bin", cert.encode());
  write(dir / "device-cert.txt", cert.text() + "\n");
  const EnrolmentRequest request = make_request(device, cert.unit, sample::kNowMs - 3600000);
  write(dir / "device-request.bin", request.encode());
  write(dir / "device-request.txt", request.text() + "\n");
  const Receipt receipt = make_receipt(district, device.device, 40, events[39].hash, made + 60000);
  write(dir / "receipt.bin", receipt.encode());
  std::array<std::uint8_t, 64> secrets{};
  const Seed sign_seed = sample::seed(0x0B), box_seed = sample::seed(0x0B + 100);  // sample::device()'s
  std::copy(sign_seed.begin(), sign_seed.end(), secrets.begin());
  std::copy(box_seed.begin(), box_seed.end(), secrets.begin() + 32);
  std::array<std::uint8_t, 16> salt{};
  std::array<std::uint8_t, 24> nonce{};
  salt.fill(0x5A);
  nonce.fill(0xA5);
  const KeyFile key = create_key_file(device.device, device.role, "sample passphrase", secrets, salt, nonce, KdfCost::for_tests());
  write(dir / "device-key.bin", key.encode());

  // Signed by the device, sealed, and still wrong: the core's merge refuses each, and says why.
  Workspace elsewhere(sample::device_id(0x70));
  std::vector<SealedEvent> foreign_events;
  generate_district(elsewhere, 7, DistrictScale::divided_by(5000), [&](const SealedEvent& e) {
    if (foreign_events.size() < 5) foreign_events.push_back(e);
  });
  std::vector<StoredEvent> renumbered(all.begin() + 2, all.begin() + 6);
  for (auto& e : renumbered) --e.seq;  // events 3–6 presented as 2–5
  std::vector<StoredEvent> new_format(all.begin(), all.begin() + 1);
  new_format[0].bytes[1] = 2;  // event format 2
  DeviceKeys township = sample::device();
  township.role = DeviceRole::Township;
  const Certificate township_cert = sample::certificate_for(sample::district(), township, "渠口镇 1号平板", 3);
  const Certificate foreign_cert = sample::certificate_for(sample::other_district(), device, "区联席办 2号电脑", 2);
  const std::vector<std::pair<std::string, Bytes>> refused = {
      {"refused-prev.hearth", make_bundle(device, cert, part2, Hash256{}, made, true, sample::seed(0x60))},
      {"refused-renumbered.hearth", make_bundle(device, cert, std::vector<StoredEvent>(renumbered), events[1].hash, made, true, sample::seed(0x61))},
      {"refused-device.hearth", make_bundle(device, cert, sample::stored(foreign_events), Hash256{}, made, true, sample::seed(0x62))},
      {"refused-format.hearth", make_bundle(device, cert, new_format, Hash256{}, made, true, sample::seed(0x63))},
      {"refused-role.hearth", make_bundle(township, township_cert, part1, Hash256{}, made, true, sample::seed(0x64))},
      {"refused-foreign.hearth", make_bundle(device, foreign_cert, part1, Hash256{}, made, false, sample::seed(0x65))},
      {"refused-last-hash.hearth", resign(device, plain2, 32 + 8 + 32, 0x01, district.box.public_key)},  // a byte of last_hash
      {"refused-count.hearth", resign(device, plain2, 8 + 8, 0x01, district.box.public_key)},          // count 61 for events 41–100
      {"refused-expired.hearth", make_bundle(device, cert, part1, Hash256{}, cert.valid_until_ms + 1, true, sample::seed(0x66))},
  };
  std::string refused_json;
  for (const auto& [file, bytes] : refused) {
    write(dir / file, bytes);
    const DistrictTrust trust{district.sign.public_key, &district.box, district.device};
    const ImportPlan plan = Inbox{}.plan({ImportInput{file, bytes}}, State{}, trust, made);
    if (plan.results[0].outcome != ImportOutcome::Refused) throw std::runtime_error("the core does not refuse " + file);
    refused_json += std::string(refused_json.empty() ? "" : ",\n") + "    {\"file\": \"" + file + "\", \"key\": \"" +
                    plan.results[0].problem.message + "\"}";
  }

  auto describe = [&](const char* file, bool sealed, std::span<const StoredEvent> part, const Hash256& prev) {
    return std::string("    {\"file\": \"") + file + "\", \"sealed\": " + (sealed ? "true" : "false") + ", \"device\": \"" +
           device_hex(device.device) + "\", \"device_key\": \"" + to_hex(device.sign.public_key) + "\", \"first\": " +
           std::to_string(part.front().seq) + ", \"last\": " + std::to_string(part.back().seq) + ", \"count\": " +
           std::to_string(part.size()) + ", \"created_ms\": " + std::to_string(made) + ", \"prev\": \"" + to_hex(prev) +
           "\", \"last_hash\": \"" + to_hex(blake2b_256(part.back().bytes)) + "\"}";
  };
  write(dir / "expect.json", "{\n  \"district_sign_public\": \"" + to_hex(district.sign.public_key) + "\",\n  \"bundles\": [\n" +
                                 describe("bundle-1.hearth", true, part1, Hash256{}) + ",\n" +
                                 describe("bundle-2.hearth", true, part2, events[39].hash) + ",\n" +
                                 describe("bundle-2-plain.hearth", false, part2, events[39].hash) + "\n  ],\n  \"refused\": [\n" + refused_json +
                                 "\n  ]\n}\n");

  if (argc >= 3) {
    const fs::path seeds = argv[2];
    fs::create_directories(seeds);
    // Mode 0: the bytes as a file would bring them.
    write(seeds / "raw-sealed-1", with_mode(0, sealed1));
    write(seeds / "raw-sealed-2", with_mode(0, sealed2));
    write(seeds / "raw-plain-2", with_mode(0, plain2));
    write(seeds / "raw-plain-small", with_mode(0, make_bundle(device, cert, part1.first(3), Hash256{}, made, false, sample::seed(1))));
    write(seeds / "raw-cert", with_mode(0, cert.encode()));
    const std::string cert_text = cert.text(), request_text = request.text();
    write(seeds / "raw-cert-text", with_mode(0, std::span(reinterpret_cast<const std::uint8_t*>(cert_text.data()), cert_text.size())));
    write(seeds / "raw-request", with_mode(0, request.encode()));
    write(seeds / "raw-request-text",
          with_mode(0, std::span(reinterpret_cast<const std::uint8_t*>(request_text.data()), request_text.size())));
    write(seeds / "raw-receipt", with_mode(0, receipt.encode()));
    write(seeds / "raw-key", with_mode(0, key.encode()));
    // Mode 1: header fields and events section, signed by the fuzz target itself.
    write(seeds / "signed-1-3", signed_mode_seed(0, std::vector<StoredEvent>(all.begin(), all.begin() + 3), Hash256{}));
    write(seeds / "signed-41-60", signed_mode_seed(0, std::vector<StoredEvent>(all.begin() + 40, all.begin() + 60), events[39].hash));
    write(seeds / "signed-fix-41-45", signed_mode_seed(0x05, std::vector<StoredEvent>(all.begin() + 40, all.begin() + 45), events[39].hash));
    write(seeds / "signed-sealed-7", signed_mode_seed(0x03, std::vector<StoredEvent>(all.begin() + 6, all.begin() + 7), events[5].hash));
    // Mode 2: merge scenarios (ops of three bytes).
    const std::vector<Bytes> scenarios = {
        {2, 0, 0, 4, 0, 10, 4, 1, 0, 0, 0, 5, 4, 1, 0, 0},        // 1–5, 11–15 held, 6–10: everything merges
        {2, 0, 0, 9, 4, 0, 9, 1, 0, 0},                          // 1–10 twice, from both ledgers
        {2, 0, 10, 6, 1, 0, 0, 4, 10, 6, 1, 0, 0},               // 11–17 held, then its other version
        {2, 0, 20, 3, 1, 0, 0, 2, 12, 0, 0, 0, 19, 1, 0, 0},     // held 21–24, revoked at 12, gap filled
        {2, 3, 0, 4, 3, 1, 4, 3, 2, 4, 0, 0, 4, 1, 0, 0, 8, 0, 7, 1, 0, 0},
    };
    for (std::size_t i = 0; i < scenarios.size(); ++i) write(seeds / ("merge-" + std::to_string(i)), scenarios[i]);
  }
  std::cout << "wrote " << dir.string() << "\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "make_sample_bundle: " << e.what() << "\n";
  return 1;
}
