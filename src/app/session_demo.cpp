// Session section 8: the first run — the device's unit, and the demo district.
#include <stdexcept>

#include "bytes.hpp"
#include "session.hpp"
#include "snapshot.hpp"
#include "store_contents.hpp"
#include "synthetic.hpp"

namespace hearth {

bool Session::fresh() const {
  return phase_ == Phase::Ready && !identity_.has_key && workspace_->ledger().last_seq() == 0 && info_.received == 0 &&
         workspace_->state().enterprises().size() == 0;
}

// The unit as a small record: [u8 version][u8 role][u32 township][str provider][str label].
std::optional<DeviceUnit> Session::unit() const {
  const auto it = info_.meta.find(kMetaUnit);
  if (it == info_.meta.end()) return std::nullopt;
  try {
    ByteReader r(it->second);
    if (r.le<std::uint8_t>() != 1) return std::nullopt;
    DeviceUnit u;
    u.role = static_cast<DeviceRole>(r.le<std::uint8_t>());
    u.township = r.le<std::uint32_t>();
    u.provider = r.str();
    u.label = r.str();
    return u;
  } catch (const std::exception&) {
    return std::nullopt;  // unreadable: asked for again at enrolment
  }
}

void Session::set_unit(const DeviceUnit& unit, std::function<void(std::optional<StoreError>)> on_done) {
  Bytes bytes;
  ByteWriter w(bytes);
  w.le<std::uint8_t>(1);
  w.le<std::uint8_t>(static_cast<std::uint8_t>(unit.role));
  w.le<std::uint32_t>(unit.township);
  w.str(unit.provider);
  w.str(unit.label);
  put_meta_then(kMetaUnit, std::move(bytes), std::move(on_done));
}

void Session::load_demo(std::uint32_t divisor, std::function<void(std::optional<StoreError>)> on_done) {
  if (!fresh() || read_only() || saving() || loading_demo_) {
    if (on_done) on_done(StoreError{"refused", "the demo district loads only into an empty device"});
    return;
  }
  loading_demo_ = true;
  Workspace ws(info_.device, workspace_->config());
  std::vector<PendingEvent> events;
  generate_district(ws, 20201222, DistrictScale::divided_by(divisor), [&](const SealedEvent& e) { events.push_back({e.event.seq, e.bytes}); });
  const std::uint64_t n = ws.ledger().last_seq();
  auto snapshot = encode_snapshot(ws);
  const StoredHead head = ws.ledger().stored_head();
  // the mark first: if anything after it fails, the device is still never exported from
  put_meta_then(kMetaDemo, {1}, [this, events = std::move(events), snapshot = std::move(snapshot), head, n,
                                 on_done = std::move(on_done)](std::optional<StoreError> err) mutable {
    if (err) {
      loading_demo_ = false;
      if (on_done) on_done(std::move(err));
      return;
    }
    fx_.store.append(std::move(events), StoredHead{}, head,
                     [this, snapshot = std::move(snapshot), n, on_done = std::move(on_done)](std::optional<StoreError> append_err) mutable {
                       if (append_err) {
                         loading_demo_ = false;
                         if (on_done) on_done(std::move(append_err));
                         return;
                       }
                       fx_.store.put_snapshot(n, std::move(snapshot), plan_retention({}, n, 0),
                                              [this, on_done = std::move(on_done)](std::optional<StoreError> snapshot_err) mutable {
                                                // the events are stored either way; a missing snapshot only slows the next open
                                                loading_demo_ = false;
                                                workspace_.reset();
                                                last_write_ = {};
                                                open([on_done = std::move(on_done), snapshot_err = std::move(snapshot_err)]() mutable {
                                                  if (on_done) on_done(std::move(snapshot_err));
                                                });
                                                if (fx_.lease) fx_.lease->announce(kEverythingChanged);
                                              });
                     });
  });
}

}  // namespace hearth
