// hearth — the command-line tool for the district office and for scripting.
// Same core and session as the browser app; the ledger lives in a folder (NativeFileStore).
//
//   hearth [--data DIR] [--lang zh-CN|en] add-worker --name … --id … --mobile … --township CODE
//   hearth [--data DIR] list [--search TEXT]
//   hearth [--data DIR] verify
//   hearth [--data DIR] demo [--divisor N] [--seed S] [--after K]
//   hearth townships
//   Bundles (issue 5; the passphrase comes from $HEARTH_PASSPHRASE, or is read from stdin):
//   hearth key create --role district|township|trainer [--label NAME]    hearth key change  ($HEARTH_NEW_PASSPHRASE)
//   hearth request --label NAME [--township CODE | --provider NAME] [--out DIR]
//   hearth certificate FILE        (a device imports its certificate)   hearth receipt FILE
//   hearth enrol REQUEST [--out DIR]   hearth revoke --device HEX --through N --reason TEXT   hearth devices
//   hearth export [--first A --last B] [--out DIR]
//   hearth verify BUNDLE…   hearth inspect BUNDLE…   hearth merge BUNDLE…   hearth receipts [--out DIR]
//   hearth export-csv --table workers|enterprises|devices|conflicts [--out FILE]
//   hearth report [--year Y] [--out FILE]   (the yearly report's figures as TSV; --out writes the HTML report)
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <algorithm>
#include <string>
#include <vector>

#include "bundle.hpp"
#include "catalog.hpp"
#include "native_file_store.hpp"
#include "resident_id.hpp"
#include "report_text.hpp"
#include "session.hpp"
#include "snapshot.hpp"
#include "synthetic.hpp"
#include "text_table.hpp"
#include "township.hpp"
#include "measures.hpp"
#include "yearly_report.hpp"

namespace {

using namespace hearth;

// Files the command line saves (bundles, certificates, receipts) go to --out (a folder).
class NativeFiles final : public FileExchange {
 public:
  explicit NativeFiles(std::string dir) : dir_(std::move(dir)) {}
  std::vector<std::string> saved;  // paths written
  void save(const std::string& name, std::vector<std::uint8_t> bytes, std::function<void(std::optional<StoreError>)> done) override {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    const std::string path = (std::filesystem::path(dir_) / name).string();
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return done(StoreError{"failed", path + ": cannot write"});
    saved.push_back(path);
    done(std::nullopt);
  }
  void open(std::function<void(std::optional<StoreError>, std::vector<std::uint8_t>, std::string)> done) override {
    done(StoreError{"unavailable", "no file picker on the command line"}, {}, {});
  }
  void open_many(std::function<void(std::optional<StoreError>, std::vector<ImportInput>)> done) override {
    done(StoreError{"unavailable", "no file picker on the command line"}, {});
  }

 private:
  std::string dir_;
};

struct Args {
  std::string data_dir;
  std::string lang = "zh-CN";
  std::string command;
  std::map<std::string, std::string> options;
  std::vector<std::string> files;  // positional arguments after the command (and its verb)
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
      a.files.push_back(s);
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

int exchange(const Args& a, const Catalog& tr, Session& session, NativeFiles& files);

// The yearly report (yearly_report.hpp): its figures as tab-separated lines, the same the
// dashboard shows and the HTML prints —
//   year    Y
//   kpi     KEY  0     ACTUAL  TARGET  TITLE        (the district)
//   township KEY CODE  ACTUAL  SHARE   NAME         (each township, largest first)
//   supervision NAME   VALUE
// and with --out FILE the HTML report itself.
int report_command(const Args& a, const Catalog& tr, Session& session, Clock& clock) {
  const ProgrammeConfig& config = ProgrammeConfig::builtin();
  const MeasureRegistry& measures = MeasureRegistry::builtin();
  const State& st = session.state();
  const Date today = Date::from_unix_ms(clock.now_ms());
  const auto year = static_cast<std::int32_t>(number_option(a, "year", static_cast<std::uint64_t>(default_report_year(st, config, today))));
  const bool english = a.lang == "en";
  const DashboardFigures f = dashboard_figures(st, year, 0, config, measures);
  std::cout << "year\t" << year << "\n";
  for (const Kpi& k : f.kpis)
    std::cout << "kpi\t" << k.key << "\t0\t" << figure_text(k.key, k.actual) << "\t" << figure_text(k.key, k.target) << "\t"
              << kpi_title(k, tr, english) << "\n";
  for (const auto& [key, figures] : f.by_township)
    for (const TownshipFigure& t : figures)
      std::cout << "township\t" << key << "\t" << t.township << "\t" << figure_text(key, t.actual) << "\t" << t.share << "\t"
                << township_name(t.township, a.lang) << "\n";
  const SupervisionSummary sup = supervision_summary(st, year, config);
  std::int64_t closed = 0;
  for (const auto& [o, n] : sup.closed) closed += n;
  std::cout << "supervision\tcomplaints_received\t" << sup.complaints_received << "\n"
            << "supervision\tcomplaints_closed\t" << closed << "\n"
            << "supervision\tcomplaints_open\t" << sup.open_at_year_end << "\n"
            << "supervision\tjoint_punishment\t" << sup.joint_punishment.size() << "\n";
  if (const auto out = a.options.find("out"); out != a.options.end()) {
    std::ofstream file(out->second, std::ios::binary);
    file << yearly_report_html(st, year, config, measures, tr, english, today);
    file.close();
    if (!file) return std::cerr << out->second << ": cannot write\n", 1;
  }
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
  NativeFiles files(a.options.count("out") ? a.options.at("out") : ".");
  Session session(Session::Effects{store, clock, random, nullptr, nullptr, &files});
  session.open();  // native store: completes synchronously
  if (session.phase() != Session::Phase::Ready) {
    const auto& e = *session.open_error();
    std::cerr << tr.format("cli.error", {tr.format(e.message_key(), {e.detail})}) << " (" << e.detail << ")\n";
    return 1;
  }
  const auto& report = session.load_report();
  if (!session.set_aside().empty()) std::cerr << tr.format("cli.set_aside", {session.set_aside()}) << "\n";
  if (a.command == "verify" && a.files.empty()) {
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
  if (a.command == "report") return report_command(a, tr, session, clock);
  if (a.command == "key" || a.command == "request" || a.command == "certificate" || a.command == "receipt" || a.command == "enrol" ||
      a.command == "revoke" || a.command == "devices" || a.command == "export" || a.command == "verify" || a.command == "inspect" ||
      a.command == "merge" || a.command == "receipts" || a.command == "export-csv")
    return exchange(a, tr, session, files);
  std::cerr << tr.text("cli.usage") << "\n";
  return 2;
}


// ---- bundles, keys and enrolment ---------------------------------------------------------------
std::vector<std::uint8_t> read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read");
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::string passphrase_from(const char* env) {
  if (const char* p = std::getenv(env)) return p;
  std::string line;
  std::getline(std::cin, line);
  return line;
}

std::string problem_text(const Catalog& tr, const TrustProblem& p) { return tr.format(p.message, p.args); }

int print_problems(const Catalog& tr, const std::vector<TrustProblem>& ps) {
  for (const auto& p : ps) std::cerr << problem_text(tr, p) << (p.detail.empty() ? "" : " (" + p.detail + ")") << "\n";
  return ps.empty() ? 0 : 1;
}

std::optional<DeviceId> device_from_hex(const std::string& hex) {
  if (hex.size() != 32) return std::nullopt;
  DeviceId d{};
  for (std::size_t i = 0; i < 16; ++i) {
    unsigned v = 0;
    if (std::sscanf(hex.substr(2 * i, 2).c_str(), "%2x", &v) != 1) return std::nullopt;
    d[i] = static_cast<std::uint8_t>(v);
  }
  return d;
}

std::string csv(std::string v) {
  v = neutralise_formula(v);  // text_table.hpp: nothing exported runs as a spreadsheet formula
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string outcome_key(ImportOutcome o) {
  switch (o) {
    case ImportOutcome::Merged: return "cli.import.merged";
    case ImportOutcome::AlreadyHad: return "cli.import.already";
    case ImportOutcome::Held: return "cli.import.held";
    case ImportOutcome::Refused: return "cli.import.refused";
  }
  return "cli.import.refused";
}

bool unlock_or_complain(Session& session, const Catalog& tr) {
  if (session.identity().unlocked) return true;
  return print_problems(tr, session.unlock(passphrase_from("HEARTH_PASSPHRASE"))) == 0;
}

int exchange(const Args& a, const Catalog& tr, Session& session, NativeFiles& files) {
  auto opt = [&](const char* k) { return a.options.count(k) ? a.options.at(k) : std::string(); };
  if (a.command == "key") {
    const std::string verb = a.files.empty() ? "" : a.files[0];
    if (verb == "create") {
      const std::string r = opt("role");
      const DeviceRole role = r == "district" ? DeviceRole::District : r == "trainer" ? DeviceRole::Trainer : DeviceRole::Township;
      const std::string pass = passphrase_from("HEARTH_PASSPHRASE");
      std::vector<TrustProblem> out;
      session.create_key(role, pass, pass, opt("label"), [&](std::vector<TrustProblem> p) { out = std::move(p); });
      if (print_problems(tr, out)) return 1;
      std::cout << tr.format("cli.key.created", {std::string(tr.text(role_key(role))), device_hex(session.store_info().device)}) << "\n";
      return 0;
    }
    if (verb == "change") {
      std::vector<TrustProblem> out;
      const std::string next = passphrase_from("HEARTH_NEW_PASSPHRASE");
      session.change_passphrase(passphrase_from("HEARTH_PASSPHRASE"), next, next, [&](std::vector<TrustProblem> p) { out = std::move(p); });
      if (print_problems(tr, out)) return 1;
      std::cout << tr.text("cli.key.changed") << "\n";
      return 0;
    }
    std::cerr << tr.text("cli.usage") << "\n";
    return 2;
  }
  if (a.command == "request") {
    if (!unlock_or_complain(session, tr)) return 1;
    DeviceUnit unit;
    unit.label = opt("label");
    unit.provider = opt("provider");
    unit.township = static_cast<std::uint32_t>(number_option(a, "township", 0));
    auto r = session.enrolment_request(unit);
    if (auto* p = std::get_if<std::vector<TrustProblem>>(&r)) return print_problems(tr, *p);
    const EnrolmentRequest& q = std::get<EnrolmentRequest>(r);
    const std::string text = q.text() + "\n";
    files.save("hearth-request-" + device_hex(q.device).substr(0, 8) + ".txt", std::vector<std::uint8_t>(text.begin(), text.end()), [](auto) {});
    std::cout << text;
    return 0;
  }
  if (a.command == "certificate" || a.command == "receipt") {
    if (a.files.size() != 1) return std::cerr << tr.text("cli.usage") << "\n", 2;
    if (a.command == "certificate" && !unlock_or_complain(session, tr)) return 1;
    const auto bytes = read_file_bytes(a.files[0]);
    std::vector<TrustProblem> out;
    if (a.command == "certificate") session.import_certificate(bytes, [&](std::vector<TrustProblem> p) { out = std::move(p); });
    else session.import_receipt(bytes, [&](std::vector<TrustProblem> p) { out = std::move(p); });
    if (print_problems(tr, out)) return 1;
    std::cout << tr.text(a.command == "certificate" ? "cli.certificate.imported" : "cli.receipt.imported") << "\n";
    return 0;
  }
  if (a.command == "enrol") {
    if (a.files.size() != 1) return std::cerr << tr.text("cli.usage") << "\n", 2;
    if (!unlock_or_complain(session, tr)) return 1;
    std::vector<std::uint8_t> bytes;
    if (std::filesystem::exists(a.files[0])) bytes = read_file_bytes(a.files[0]);
    else bytes.assign(a.files[0].begin(), a.files[0].end());  // the code itself
    auto q = parse_request(bytes);
    if (auto* p = std::get_if<TrustProblem>(&q)) return print_problems(tr, {*p});
    int status = 1;
    session.enrol(std::get<EnrolmentRequest>(q), [&](std::optional<Certificate> c, Problems ps) {
      for (const auto& p : ps) std::cerr << tr.format(p.message, p.args) << "\n";
      if (c) {
        std::cout << tr.format("cli.enrol.done", {c->unit.label, files.saved.empty() ? "" : files.saved.back()}) << "\n" << c->text() << "\n";
        status = 0;
      }
    });
    return status;
  }
  if (a.command == "revoke") {
    if (!unlock_or_complain(session, tr)) return 1;
    const auto device = device_from_hex(opt("device"));
    if (!device) return std::cerr << tr.text("err.revoke.unknown") << "\n", 1;
    const auto sub = session.revoke(*device, number_option(a, "through", 0), opt("reason"));
    for (const auto& p : sub.problems) std::cerr << tr.format(p.message, p.args) << "\n";
    if (!sub.ticket || session.last_write().status != Session::WriteStatus::Saved) return 1;
    std::cout << tr.format("cli.revoke.done", {opt("device"), std::to_string(number_option(a, "through", 0))}) << "\n";
    return 0;
  }
  if (a.command == "export") {
    if (!unlock_or_complain(session, tr)) return 1;
    int status = 1;
    session.export_bundle(number_option(a, "first", 0), number_option(a, "last", 0), [&](std::optional<Session::ExportResult> r, std::vector<TrustProblem> ps) {
      print_problems(tr, ps);
      if (r) {
        std::cout << tr.format("cli.export.done", {files.saved.back(), std::to_string(r->first), std::to_string(r->last)}) << "\n";
        status = 0;
      }
    });
    return status;
  }
  if (a.command == "verify" || a.command == "inspect" || a.command == "merge") {
    if (a.files.empty()) return std::cerr << tr.text("cli.usage") << "\n", 2;
    std::vector<ImportInput> inputs;
    for (const auto& f : a.files) inputs.push_back({f, read_file_bytes(f)});
    const bool need_key = std::any_of(inputs.begin(), inputs.end(), [](const ImportInput& i) { return file_kind(i.bytes) == FileKind::SealedBundle; });
    if ((need_key || a.command == "merge") && session.identity().has_key && !unlock_or_complain(session, tr)) return 1;
    if (a.command == "merge") {
      int status = 0;
      session.import_files(std::move(inputs), [&](const Session::ImportReport& r) {
        if (r.error) std::cerr << tr.format(r.error->message_key(), {r.error->detail}) << "\n", status = 1;
        auto line = [&](const ImportResult& x) {
          std::cout << x.name << "\t" << tr.text(outcome_key(x.outcome)) << "\t" << x.label << "\t" << x.first << "–" << x.last;
          if (!x.problem.message.empty()) std::cout << "\t" << problem_text(tr, x.problem);
          std::cout << "\n";
          if (x.outcome == ImportOutcome::Refused) status = 1;
        };
        for (const auto& x : r.results) line(x);
        for (const auto& x : r.released) line(x);
        std::cout << tr.format("cli.merge.done", {std::to_string(r.new_events)}) << "\n";
      });
      return status;
    }
    // verify / inspect: check each file on its own against this district, changing nothing
    const DistrictTrust trust = session.trust();
    int status = 0;
    for (const auto& in : inputs) {
      const ImportPlan p = session.workspace().plan_import({in}, trust, SystemClock().now_ms());
      const ImportResult& r = p.results[0];
      const bool ok = r.outcome != ImportOutcome::Refused;
      if (!ok) status = 1;
      std::cout << in.name << "\t" << tr.text(r.outcome == ImportOutcome::Merged ? "cli.verify.bundle_ok" : outcome_key(r.outcome));
      if (!r.problem.message.empty()) std::cout << "\t" << problem_text(tr, r.problem);
      std::cout << "\n";
      if (a.command == "inspect") {
        auto h = peek_bundle(in.bytes);
        if (!h) {
          auto opened = open_bundle(in.bytes, trust.box);
          if (auto* b = std::get_if<OpenedBundle>(&opened)) h = b->header;
        }
        if (h) {
          const Township* t = kaizhou_townships().find(h->cert.unit.township);
          std::cout << "  " << tr.format("cli.inspect.header", {h->cert.unit.label, std::string(tr.text(role_key(h->cert.unit.role))),
                                                                 t ? (a.lang == "en" ? t->name_en : t->name_zh) : h->cert.unit.provider,
                                                                 device_hex(h->cert.device), std::to_string(h->first), std::to_string(h->last),
                                                                 Date::from_unix_ms(h->created_ms).iso()})
                    << "\n";
        } else if (file_kind(in.bytes) == FileKind::SealedBundle) {
          std::cout << "  " << tr.text("cli.inspect.sealed") << "\n";
        }
      }
    }
    return status;
  }
  if (a.command == "receipts") {
    if (!unlock_or_complain(session, tr)) return 1;
    int status = 0;
    session.save_receipts([&](std::size_t n, std::optional<StoreError> e) {
      if (e) std::cerr << tr.format(e->message_key(), {e->detail}) << "\n", status = 1;
      std::cout << tr.format("cli.receipts.done", {std::to_string(n)}) << "\n";
      for (const auto& f : files.saved) std::cout << "  " << f << "\n";
    });
    return status;
  }
  if (a.command == "devices") {
    const auto& feeds = session.workspace().inbox().feeds();
    for (const auto& d : session.state().enrolled()) {
      const auto it = feeds.find(d.device);
      std::cout << device_hex(d.device) << "\t" << d.label << "\t" << tr.text(role_key(static_cast<DeviceRole>(d.role))) << "\t"
                << (it == feeds.end() ? 0 : it->second.seq) << (d.revoked ? "\t" + tr.format("cli.devices.revoked", {std::to_string(d.accept_through), d.reason}) : "")
                << "\n";
    }
    for (const Gap& g : session.workspace().inbox().gaps())
      std::cout << tr.format("cli.devices.gap", {g.label, std::to_string(g.from), std::to_string(g.to), std::to_string(g.bundles_waiting)}) << "\n";
    return 0;
  }
  if (a.command == "export-csv") {
    std::ostringstream out;
    const State& st = session.state();
    const std::string table = opt("table");
    if (table == "workers") {
      out << "record,name,resident_id,mobile,township,registered_by\n";
      for (auto i : st.search_workers("")) {
        const Worker& w = st.workers().rows()[i];
        out << st.record_id(w.key).str() << "," << csv(w.name()) << "," << w.resident_id << "," << w.details.mobile << ","
            << csv(township_name(w.details.township, a.lang)) << "," << device_hex(st.record_id(w.key).device).substr(0, 16) << "\n";
      }
    } else if (table == "enterprises") {
      out << "record,name,credit_code,legal_representative,township\n";
      for (const auto& e : st.enterprises().rows())
        if (!st.is_duplicate(e))
          out << st.record_id(e.key).str() << "," << csv(e.name()) << "," << e.credit_code << "," << csv(e.details.legal_representative) << ","
              << csv(township_name(e.details.township, a.lang)) << "\n";
    } else if (table == "devices") {
      out << "device,label,role,township,provider,received_through,revoked,accept_through,reason\n";
      const auto& feeds = session.workspace().inbox().feeds();
      for (const auto& d : st.enrolled()) {
        const auto it = feeds.find(d.device);
        out << device_hex(d.device) << "," << csv(d.label) << "," << csv(std::string(tr.text(role_key(static_cast<DeviceRole>(d.role))))) << "," << d.township
            << "," << csv(d.provider) << "," << (it == feeds.end() ? 0 : it->second.seq) << "," << int(d.revoked) << "," << d.accept_through << ","
            << csv(d.reason) << "\n";
      }
    } else if (table == "conflicts") {
      out << "record,name,field,value_in_force,by,at_ms,overridden_value,by,at_ms\n";
      for (const auto& c : st.conflicts()) {
        const Worker* w = st.workers().find(c.record);
        const Enterprise* e = st.enterprises().find(c.record);
        out << st.record_id(c.record).str() << "," << csv(w ? w->name() : e ? e->name() : "") << "," << c.field << "," << csv(c.in_force.value) << ","
            << device_hex(st.record_id(c.in_force.by).device).substr(0, 16) << "," << c.in_force.stamp.wall_ms << "," << csv(c.overridden.value)
            << "," << device_hex(st.record_id(c.overridden.by).device).substr(0, 16) << "," << c.overridden.stamp.wall_ms << "\n";
      }
    } else {
      std::cerr << tr.text("cli.usage") << "\n";
      return 2;
    }
    if (a.options.count("out")) {
      std::ofstream f(a.options.at("out"), std::ios::binary);
      f << out.str();
      if (!f) return std::cerr << a.options.at("out") << ": cannot write\n", 1;
    } else {
      std::cout << out.str();
    }
    return 0;
  }
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
