// hearth — the command-line tool for the district office and for scripting.
// Same core and session as the browser app; the ledger lives in a folder (NativeFileStore).
//
//   hearth [--data DIR] [--lang zh-CN|en] add-worker --name … --id … --mobile … --township CODE
//   hearth [--data DIR] list [--search TEXT]
//   hearth [--data DIR] verify
//   hearth [--data DIR] demo [--divisor N] [--seed S] [--after K]
//   hearth townships
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "catalog.hpp"
#include "native_file_store.hpp"
#include "resident_id.hpp"
#include "report_text.hpp"
#include "session.hpp"
#include "snapshot.hpp"
#include "synthetic.hpp"
#include "township.hpp"

namespace {

using namespace hearth;

struct Args {
  std::string data_dir;
  std::string lang = "zh-CN";
  std::string command;
  std::map<std::string, std::string> options;
};

std::optional<Args> parse_args(int argc, char** argv) {
  Args a;
  if (const char* env = std::getenv("HEARTH_DATA")) a.data_dir = env;
  if (a.data_dir.empty()) a.data_dir = "hearth-data";
  if (const char* env = std::getenv("HEARTH_LANG")) a.lang = env;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) == 0) {
      if (i + 1 >= argc) return std::nullopt;
      const std::string v = argv[++i];
      if (s == "--data") a.data_dir = v;
      else if (s == "--lang") a.lang = v;
      else a.options[s.substr(2)] = v;
    } else if (a.command.empty()) {
      a.command = s;
    } else {
      return std::nullopt;
    }
  }
  if (a.command.empty()) return std::nullopt;
  return a;
}

const char* township_name(std::uint32_t code, const std::string& lang) {
  const Township* t = kaizhou_townships().find(code);
  if (!t) return "?";
  return lang == "en" ? t->name_en.c_str() : t->name_zh.c_str();
}

std::uint64_t number_option(const Args& a, const char* name, std::uint64_t fallback) {
  const auto it = a.options.find(name);
  if (it == a.options.end()) return fallback;
  std::uint64_t v = 0;
  for (char c : it->second) {
    if (c < '0' || c > '9') throw std::runtime_error(std::string("--") + name + " takes a number");
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// A synthetic district (the generator of bench/ and the tests) in an empty folder, as a device
// that has been in use: every event, a snapshot of the state they fold to, and --after K more
// workers saved one by one on top of that snapshot. For demonstrations, benchmarks and the
// browser tests, which plant these files in IndexedDB.
int demo(const Args& a, const Catalog& tr, NativeFileStore& store, Clock& clock, Random& random) {
  DeviceId fresh{};
  random.fill(fresh);
  std::optional<StoreError> err;
  StoreInfo info;
  store.open(fresh, [&](std::optional<StoreError> e, StoreInfo i) { err = std::move(e), info = std::move(i); });
  if (err) throw std::runtime_error(err->detail);
  if (info.last_event > 0) {
    std::cerr << tr.format("cli.demo.not_empty", {a.data_dir}) << "\n";
    return 1;
  }
  Workspace ws(info.device);
  std::vector<StoredEvent> events;
  generate_district(ws, number_option(a, "seed", 20201222), DistrictScale::divided_by(static_cast<std::uint32_t>(number_option(a, "divisor", 100))),
                    [&](const SealedEvent& e) { events.push_back({e.event.seq, e.bytes}); });
  const std::uint64_t n = ws.ledger().last_seq();
  store.append(std::move(events), StoredHead{}, ws.ledger().stored_head(), [&](std::optional<StoreError> e) { err = std::move(e); });
  if (!err) store.put_snapshot(n, encode_snapshot(ws), plan_retention({}, n, 0), [&](std::optional<StoreError> e) { err = std::move(e); });
  if (err) throw std::runtime_error(err->detail);

  Session session(store, clock, random);
  session.open();
  const std::uint64_t after = number_option(a, "after", 0);
  for (std::uint64_t i = 0; i < after; ++i) {
    char first17[18];
    std::snprintf(first17, sizeof first17, "5001541960%02u%02u%03u", static_cast<unsigned>(1 + i / 28 % 12), static_cast<unsigned>(1 + i % 28),
                  static_cast<unsigned>(900 + i / 336 % 100));
    const std::string id = std::string(first17) + ResidentId::check_character(first17);
    const auto sub = session.submit(RegisterWorker{"演示" + std::string(i % 2 ? "甲" : "乙"), id, "13900000000", 500154001});
    if (!sub.problems.empty() || session.last_write().status != Session::WriteStatus::Saved)
      throw std::runtime_error("demo: worker " + std::to_string(i) + " was not saved: " + (sub.problems.empty() ? "" : sub.problems[0].message));
  }
  std::cout << tr.format("cli.demo.done", {std::to_string(session.workspace().ledger().last_seq()), std::to_string(n),
                                           std::to_string(session.state().workers().size())})
            << "\n";
  return 0;
}

int run(const Args& a) {
  const Catalog& tr = Catalog::builtin(a.lang);
  if (a.command == "townships") {
    for (const auto& t : kaizhou_townships().all()) std::printf("%u\t%s\t%s\n", t.code, t.name_zh.c_str(), t.name_en.c_str());
    return 0;
  }
  NativeFileStore store(a.data_dir);
  SystemClock clock;
  SodiumRandom random;
  if (a.command == "demo") return demo(a, tr, store, clock, random);
  Session session(store, clock, random);
  session.open();  // native store: completes synchronously
  if (session.phase() != Session::Phase::Ready) {
    const auto& e = *session.open_error();
    std::cerr << tr.format("cli.error", {tr.format(e.message_key(), {e.detail})}) << " (" << e.detail << ")\n";
    return 1;
  }
  const auto& report = session.load_report();
  if (!session.set_aside().empty()) std::cerr << tr.format("cli.set_aside", {session.set_aside()}) << "\n";
  if (a.command == "verify") {
    if (report.damaged()) {
      std::cout << tr.format("cli.verify.damaged", {std::to_string(report.damage.size()), std::to_string(report.events_loaded)}) << "\n";
      for (const Damage& d : report.damage) std::cout << "  " << describe_damage(d, tr) << " (" << d.detail << ")\n";
      return 1;
    }
    std::cout << tr.format("cli.verify.ok", {std::to_string(report.events_loaded), to_hex(session.workspace().ledger().head())}) << "\n";
    return 0;
  }
  if (report.damaged()) {
    std::cerr << tr.format("app.status.damaged", {std::to_string(report.damage.size()), std::to_string(report.events_loaded)}) << "\n";
    for (const Damage& d : report.damage) std::cerr << "  " << describe_damage(d, tr) << "\n";
  }

  if (a.command == "list") {
    const auto it = a.options.find("search");
    const auto& workers = session.state().workers();
    for (auto i : session.state().search_workers(it == a.options.end() ? "" : it->second)) {
      const Worker& w = workers.rows()[i];
      std::printf("%s\t%s\t%s\t%s\n", w.name().c_str(), ResidentId::mask(w.resident_id).c_str(), w.details.mobile.c_str(),
                  township_name(w.details.township, a.lang));
    }
    return 0;
  }
  if (a.command == "add-worker") {
    auto opt = [&](const char* k) {
      const auto it = a.options.find(k);
      return it == a.options.end() ? std::string() : it->second;
    };
    RegisterWorker cmd;
    cmd.name = opt("name");
    cmd.resident_id = opt("id");
    cmd.mobile = opt("mobile");
    // --township takes the code (500154001) or the name in either language (汉丰街道, "Hanfeng Street")
    const std::string township = opt("township");
    for (const auto& t : kaizhou_townships().all())
      if (township == std::to_string(t.code) || township == t.name_zh || township == t.name_en) cmd.township = t.code;
    if (!township.empty() && cmd.township == 0) {
      std::cerr << tr.text("cli.refused") << "\n  township: " << tr.format("err.township.unknown", {township}) << "\n";
      return 1;
    }
    int status = 1;
    const auto sub = session.submit(cmd, [&](const Session::WriteOutcome& out) {
      if (out.status == Session::WriteStatus::Saved) {
        const Worker& w = session.state().workers().rows().back();
        std::cout << tr.format("cli.saved", {w.name(), ResidentId::mask(w.resident_id), std::to_string(session.state().record_id(w.key).seq)}) << "\n";
        status = 0;
      } else {
        std::cerr << tr.format("workers.status.save_failed", {tr.format(out.error->message_key(), {out.error->detail})}) << "\n";
      }
    });
    if (!sub.problems.empty()) {
      std::cerr << tr.text("cli.refused") << "\n";
      for (const auto& p : sub.problems) std::cerr << "  " << (p.field.empty() ? "" : p.field + ": ") << tr.format(p.message, p.args) << "\n";
      return 1;
    }
    return status;
  }
  std::cerr << tr.text("cli.usage") << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const auto args = parse_args(argc, argv);
  if (!args) {
    std::cerr << hearth::Catalog::builtin("zh-CN").text("cli.usage") << "\n";
    return 2;
  }
  try {
    return run(*args);
  } catch (const std::exception& e) {
    std::cerr << hearth::Catalog::builtin(args->lang).format("cli.error", {e.what()}) << "\n";
    return 1;
  }
}
