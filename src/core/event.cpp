#include "event.hpp"

#include "cereal_bounded.hpp"
#include <cereal/types/array.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/common.hpp>
#include <cereal/types/variant.hpp>
#include <cereal/types/vector.hpp>
#include <sstream>

namespace hearth {

namespace {
template <class Archive>
void serialize_event(Archive& ar, Event& e) {
  ar(e.format, e.device, e.seq, e.stamp, e.prev, e.body);
}
}  // namespace

std::string RecordId::str() const {
  return to_hex(std::span(device).first(8)) + "-" + std::to_string(seq);
}

std::string device_hex(const DeviceId& d) { return to_hex(d); }

std::vector<std::uint8_t> encode_event(const Event& e) {
  std::ostringstream os(std::ios::binary);
  {
    cereal::PortableBinaryOutputArchive ar(os);
    serialize_event(ar, const_cast<Event&>(e));  // cereal's symmetric serialize needs a mutable ref; nothing is written to e
  }
  const std::string s = std::move(os).str();
  return {s.begin(), s.end()};
}

Event decode_event(std::span<const std::uint8_t> bytes) {
  Event e;
  try {
    std::istringstream is(std::string(bytes.begin(), bytes.end()), std::ios::binary);
    const BoundedRead bounded(is.rdbuf());  // the bytes may come from anywhere (a bundle): no size beyond them
    cereal::PortableBinaryInputArchive ar(is);
    serialize_event(ar, e);
    if (is.peek() != std::char_traits<char>::eof()) throw DecodeError("trailing bytes after event");
  } catch (const DecodeError&) {
    throw;
  } catch (const std::exception& ex) {
    throw DecodeError(std::string("undecodable event: ") + ex.what());
  }
  if (e.format != kEventFormat) throw DecodeError("unknown event format " + std::to_string(e.format));
  return e;
}

SealedEvent seal(Event e) {
  SealedEvent s{std::move(e), {}, {}};
  s.bytes = encode_event(s.event);
  s.hash = blake2b_256(s.bytes);
  return s;
}

SealedEvent unseal(std::vector<std::uint8_t> bytes) {
  SealedEvent s{decode_event(bytes), std::move(bytes), {}};
  s.hash = blake2b_256(s.bytes);
  return s;
}

namespace {
constexpr const char* kEventKinds[] = {
    "worker_registered", "worker_registered", "enterprise_registered", "record_edited", "employment_started",
    "employment_ended", "course_created", "session_scheduled", "enrolled", "attendance_recorded", "completion_recorded",
    "health_check_recorded", "identity_verified", "licence_issued", "contract_registered", "complaint_filed",
    "mediation_step_recorded", "complaint_closed", "credit_event_recorded", "assessment_recorded", "service_point_opened",
    "revenue_reported", "progress_reported", "device_enrolled", "device_revoked", "record_edited", "licence_revoked"};
static_assert(std::size(kEventKinds) == std::variant_size_v<EventBody>, "one catalog key per event type");
}  // namespace

EventSummary summarize(const EventBody& body) {
  EventSummary s{std::string("app.event.") + kEventKinds[body.index()], {}};
  if (const auto* w = std::get_if<WorkerRegisteredV1>(&body)) s.label = w->name;
  if (const auto* w = std::get_if<WorkerRegistered>(&body)) s.label = w->details.name;
  if (const auto* e = std::get_if<EnterpriseRegistered>(&body)) s.label = e->details.name;
  if (const auto* c = std::get_if<CourseCreated>(&body)) s.label = c->name;
  return s;
}

}  // namespace hearth
