// Session: one device's running app, wiring the core to its effects. It owns the one-way
// flow: a view submits a command → the core decides → the store makes the events durable →
// only then are they folded into state and reported "saved". Shared by the browser app and
// the command-line tool; knows nothing of ImGui or of the terminal.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>

#include "effects.hpp"
#include "workspace.hpp"

namespace hearth {

class Session {
 public:
  enum class Phase { Closed, Opening, Ready, OpenFailed };
  enum class WriteStatus { None, Pending, Saved, Failed };

  struct Submission {
    std::uint64_t ticket = 0;  // 0 when refused
    Problems problems;
  };
  struct WriteOutcome {
    std::uint64_t ticket = 0;
    WriteStatus status = WriteStatus::None;
    std::optional<StoreError> error;
  };

  Session(EventStore& store, Clock& clock, Random& random) : store_(store), clock_(clock), random_(random) {}

  // Opens the store and rebuilds state from it; `on_opened` runs when that is done (or failed).
  void open(std::function<void()> on_opened = {});
  Phase phase() const { return phase_; }
  const std::optional<StoreError>& open_error() const { return open_error_; }
  const LoadReport& load_report() const { return load_report_; }
  // Damaged stored data makes the session read-only: nothing is appended after a break.
  bool read_only() const { return load_report_.damage.has_value(); }
  // Unreadable bytes after the last whole event (a write cut short) that the store set aside.
  const std::string& set_aside() const { return set_aside_; }

  // Validates now; if accepted, starts a durable write whose outcome `last_write()` reports.
  // `on_done` (optional) runs when the write has completed or failed.
  Submission submit(const Command& cmd, std::function<void(const WriteOutcome&)> on_done = {});
  bool saving() const { return last_write_.status == WriteStatus::Pending; }
  const WriteOutcome& last_write() const { return last_write_; }

  const Workspace& workspace() const { return *workspace_; }  // valid once phase() == Ready
  const State& state() const { return workspace_->state(); }

 private:
  EventStore& store_;
  Clock& clock_;
  Random& random_;
  Phase phase_ = Phase::Closed;
  std::optional<StoreError> open_error_;
  LoadReport load_report_;
  std::string set_aside_;
  std::optional<Workspace> workspace_;
  WriteOutcome last_write_;
  std::uint64_t next_ticket_ = 1;
};

}  // namespace hearth
