// The session over a real store: nothing is reported saved before the store says it is
// durable, a refused write changes nothing and keeps the way open to retry, and a reopened
// store gives back everything acknowledged.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "helpers.hpp"
#include "native_file_store.hpp"
#include "session.hpp"

using namespace hearth;
using hearth::test::with_check;

namespace {
std::filesystem::path temp_dir(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() / ("hearth-test-" + name + "-" + std::to_string(test::kNowMs));
  std::filesystem::remove_all(p);
  return p;
}

RegisterWorker person(const char* name, const char* first17) { return {name, with_check(first17), "13812345678", 500154001}; }

// A store that holds appends until the test releases them, or fails them.
class ManualStore final : public EventStore {
 public:
  std::vector<std::pair<std::vector<PendingEvent>, Done>> waiting;
  std::vector<std::vector<std::uint8_t>> durable;
  void open(const DeviceId& d, OpenDone done) override {
    StoreInfo info;
    info.device = d;
    done(std::nullopt, std::move(info));
  }
  void read(std::uint64_t, std::uint64_t, std::uint64_t, ReadDone done) override { done(std::nullopt, {}); }
  void receive(std::vector<ReceivedEvent>, std::vector<HeldBundle>, std::vector<HeldBundle>, Done done) override { done(StoreError{"failed", "not here"}); }
  void put_meta(std::string, std::vector<std::uint8_t>, Done done) override { done(StoreError{"failed", "not here"}); }
  void mark_exported(std::uint64_t, Done done) override { done(StoreError{"failed", "not here"}); }
  void append(std::vector<PendingEvent> events, StoredHead, StoredHead, Done done) override { waiting.emplace_back(std::move(events), std::move(done)); }
  void put_head(StoredHead, Done done) override { done(std::nullopt); }
  void put_snapshot(std::uint64_t, std::vector<std::uint8_t>, Retention, Done done) override { done(std::nullopt); }
  void dump(DumpDone done) override { done(StoreError{"failed", "not here"}, {}); }
  void replace(StoreDump, Done done) override { done(StoreError{"failed", "not here"}); }
  void complete(std::optional<StoreError> err = std::nullopt) {
    auto [events, done] = std::move(waiting.front());
    waiting.erase(waiting.begin());
    if (!err)
      for (auto& e : events) durable.push_back(e.bytes);
    done(err);
  }
};
}  // namespace

TEST_CASE("saved only after the store confirms — a failed write changes nothing", "[session]") {
  ManualStore store;
  test::FixedClock clock;
  test::CountingRandom random;
  Session s(store, clock, random);
  s.open();
  REQUIRE(s.phase() == Session::Phase::Ready);

  const auto sub = s.submit(person("张三", "50015419900101123"));
  REQUIRE(sub.problems.empty());
  CHECK(s.saving());
  CHECK(s.state().workers().size() == 0);  // not folded before durable
  CHECK(s.submit(person("李四", "50015419900101143")).problems[0].message == "err.store.busy");

  store.complete(StoreError{"quota", "QuotaExceededError"});
  CHECK(s.last_write().status == Session::WriteStatus::Failed);
  CHECK(s.last_write().error->message_key() == "err.store.quota");
  CHECK(s.state().workers().size() == 0);
  CHECK(s.workspace().ledger().last_seq() == 0);

  // retry: the same sequence number is used again
  const auto retry = s.submit(person("张三", "50015419900101123"));
  REQUIRE(retry.problems.empty());
  CHECK(store.waiting.front().first[0].seq == 1);
  store.complete();
  CHECK(s.last_write().status == Session::WriteStatus::Saved);
  CHECK(s.last_write().ticket == retry.ticket);
  REQUIRE(s.state().workers().size() == 1);
  CHECK(s.state().workers().rows()[0].name() == "张三");
}

TEST_CASE("native file store: what was acknowledged is there after reopening", "[session][store]") {
  const auto dir = temp_dir("reopen");
  test::FixedClock clock;
  test::CountingRandom random;
  DeviceId device{};
  {
    NativeFileStore store(dir);
    Session s(store, clock, random);
    s.open();
    REQUIRE(s.phase() == Session::Phase::Ready);
    device = s.workspace().ledger().device();
    for (const auto* id : {"50015419900101123", "50015419900101143", "50015419900101163"}) {
      bool saved = false;
      REQUIRE(s.submit(person("王五", id), [&](const Session::WriteOutcome& o) { saved = o.status == Session::WriteStatus::Saved; }).problems.empty());
      CHECK(saved);  // the native store completes synchronously, after fsync
      clock.now += 1000;
    }
  }
  NativeFileStore store(dir);
  Session s(store, clock, random);
  s.open();
  REQUIRE(s.phase() == Session::Phase::Ready);
  CHECK(s.workspace().ledger().device() == device);  // the device keeps its identity
  CHECK(s.load_report().events_loaded == 3);
  CHECK_FALSE(s.load_report().damaged());
  CHECK(s.state().workers().size() == 3);
  std::filesystem::remove_all(dir);
}

TEST_CASE("native file store: a torn last frame (crash mid-write) is dropped, the rest kept", "[session][store]") {
  const auto dir = temp_dir("torn");
  test::FixedClock clock;
  test::CountingRandom random;
  {
    NativeFileStore store(dir);
    Session s(store, clock, random);
    s.open();
    REQUIRE(s.submit(person("王五", "50015419900101123")).problems.empty());
  }
  {
    std::ofstream log(dir / "events.log", std::ios::binary | std::ios::app);
    const char partial[] = {0x40, 0x00, 0x00, 0x00, 0x01, 0x02};  // says 64 bytes, has 2
    log.write(partial, sizeof partial);
  }
  NativeFileStore store(dir);
  Session s(store, clock, random);
  s.open();
  REQUIRE(s.phase() == Session::Phase::Ready);
  CHECK(s.load_report().events_loaded == 1);
  CHECK_FALSE(s.load_report().damaged());
  // the cut-off bytes were set aside, not destroyed
  const auto aside = dir / ("events.tail-" + std::to_string(std::filesystem::file_size(dir / "events.log")) + ".bin");
  REQUIRE(std::filesystem::exists(aside));
  CHECK(std::filesystem::file_size(aside) == 6);
  REQUIRE(s.submit(person("赵六", "50015419900101143")).problems.empty());
  CHECK(s.last_write().status == Session::WriteStatus::Saved);
  CHECK(std::filesystem::file_size(dir / "events.log") > 0);
  std::filesystem::remove_all(dir);
}

#ifndef __EMSCRIPTEN__  // emscripten's flock() is a no-op; the browser has its own single-writer rule
TEST_CASE("native file store: a second process cannot open the same ledger", "[session][store]") {
  const auto dir = temp_dir("lock");
  NativeFileStore first(dir);
  std::optional<StoreError> err1, err2;
  first.open(DeviceId{1}, [&](auto e, auto) { err1 = e; });
  NativeFileStore second(dir);
  second.open(DeviceId{2}, [&](auto e, auto) { err2 = e; });
  CHECK_FALSE(err1);
  REQUIRE(err2);
  CHECK(err2->kind == "conflict");
  std::filesystem::remove_all(dir);
}
#endif
