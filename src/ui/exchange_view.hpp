// 数据交换: the device's identity and the bundles it sends; at the district office, the
// bundles it receives. Sections (drawn by role):
//   1. This device — create the key (passphrase), unlock, lock, change the passphrase
//   2. Enrolment (devices) — the request as a text code and a file; import the certificate
//   3. Export (devices) — everything not yet exported, or a range; import a receipt
//   4. Import (district) — bundles from the file picker or dropped on the page; the report
//   5. Devices (district) — requests to sign, enrolled devices, what is held, gaps, revoke, receipts
//   6. Conflicts (district) — edits of one field that did not know of each other
// Reads the session and asks it to act; keeps only what is being typed.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "i18n.hpp"
#include "session.hpp"

namespace hearth::ui {

class ExchangeView {
 public:
  void draw(Session& session, const I18n& i18n, float dpr);
  // Files dropped on the page: imported as if chosen with the picker.
  void dropped(Session& session, std::vector<ImportInput> files);

 private:
  void draw_identity(Session& session, const I18n& i18n, float dpr);
  void draw_enrolment(Session& session, const I18n& i18n, float dpr);
  void draw_export(Session& session, const I18n& i18n, float dpr);
  void draw_import(Session& session, const I18n& i18n, float dpr);
  void draw_devices(Session& session, const I18n& i18n, float dpr);
  void draw_conflicts(const Session& session, const I18n& i18n);

  // What is being typed, and the last answer of each action.
  int role_ = 0;  // 0 township, 1 trainer, 2 district office
  std::string passphrase_, repeated_, old_passphrase_, district_label_;
  std::vector<TrustProblem> key_problems_, passphrase_problems_;
  bool changing_passphrase_ = false, passphrase_changed_ = false;
  std::uint32_t township_ = 0;
  std::string provider_, label_, certificate_text_;
  bool unit_prefilled_ = false;
  std::string request_text_;
  std::vector<TrustProblem> request_problems_, certificate_problems_, receipt_problems_, export_problems_;
  bool certificate_done_ = false, receipt_done_ = false;
  std::string first_, last_;
  std::optional<Session::ExportResult> exported_;
  Problems enrol_problems_, revoke_problems_;
  std::string revoke_reason_, revoke_through_;
  int revoking_ = -1;  // row of the devices table being revoked
  std::string receipts_message_;
  bool working_ = false;
  std::vector<FieldConflict> conflicts_;
  std::uint64_t conflicts_revision_ = ~0ull;
};

}  // namespace hearth::ui
