// Index of this file
// - show / draw: verify beside the card (stacked when narrow), the list below
// - draw_verify: scan with the camera (scan.hpp) or type the code
// - draw_check: the verdict, large, and what the card claims
// - draw_card: the card on screen with its QR code, print, revoke
// - draw_list: the cards issued
#include "cards_view.hpp"

#include <algorithm>

#include "automation.hpp"
#include "card_page.hpp"
#include "imgui.h"
#include "scan.hpp"
#include "state.hpp"
#include "text.hpp"
#include "theme.hpp"
#include "widgets.hpp"

#ifdef __EMSCRIPTEN__
extern "C" int hearth_report_open_html(const char* html, int length);  // web/report_bridge.js
#endif

namespace hearth::ui {

namespace {
std::string label_id(const I18n& i18n, const char* key, const char* id) { return std::string(i18n.tr(key)) + "###" + id; }

bool tall_button(const std::string& label, bool primary, bool enabled, float width, float dpr) {
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                      ImVec2(ImGui::GetStyle().FramePadding.x, std::max(ImGui::GetStyle().FramePadding.y, (48.0f * dpr - ImGui::GetFontSize()) * 0.5f)));
  const bool pressed = primary ? primary_button(label.c_str(), enabled, width) : secondary_button(label.c_str(), enabled, width);
  ImGui::PopStyleVar();
  return pressed;
}

const char* status_role(CardStatus s) {
  switch (s) {
    case CardStatus::Valid: return "success";
    case CardStatus::Expired:
    case CardStatus::Superseded:
    case CardStatus::OtherDistrict: return "notice";
    default: return "error";
  }
}

std::string issuing_unit(const ViewContext& cx) {
  const auto& cert = cx.session.identity().certificate;
  return cert && cert->unit.role == DeviceRole::District && !cert->unit.label.empty() ? cert->unit.label
                                                                                      : std::string(cx.i18n.tr("cards.issuer.default"));
}

// The QR code drawn module by module, with its quiet zone, `side` pixels square.
void draw_qr(const QrCode& qr, float side) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const int n = qr.size + 2 * kQrQuietZone;
  const float m = std::floor(side / static_cast<float>(n));  // whole pixels per module: crisp edges for the camera
  const float w = m * static_cast<float>(n);
  dl->AddRectFilled(at, ImVec2(at.x + w, at.y + w), IM_COL32(255, 255, 255, 255));
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.at(x, y)) {
        const float px = at.x + static_cast<float>(x + kQrQuietZone) * m, py = at.y + static_cast<float>(y + kQrQuietZone) * m;
        dl->AddRectFilled(ImVec2(px, py), ImVec2(px + m, py + m), IM_COL32(0, 0, 0, 255));
      }
  ImGui::InvisibleButton("##qr", ImVec2(w, w));  // an item with an id: the automation hook sees it
  automation::annotate_last("qr", "qr", std::to_string(qr.version));
}
}  // namespace

// ---- show / draw ----------------------------------------------------------------------------
void CardsView::show(const NavigationRequest& request) {
  if (request.record != kNoKey) {
    worker_ = request.record;
    revoking_ = false;
    print_status_.clear();
  }
}

void CardsView::draw(ViewContext& cx) {
  if (!cx.ready()) return;
  const ImGuiChildFlags panel = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x / cx.dpr >= 1000.0f;
  if (wide) {
    const float left = std::min(440.0f * cx.dpr, avail.x * 0.4f);
    if (ImGui::BeginChild("cards_verify", ImVec2(left, 0), panel)) {
      draw_verify(cx);
      draw_check(cx);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("cards_card", ImVec2(0, 0), panel)) {
      draw_card(cx);
      draw_list(cx);
    }
    ImGui::EndChild();
  } else {
    if (ImGui::BeginChild("cards_all", ImVec2(0, 0), panel)) {
      draw_verify(cx);
      draw_check(cx);
      draw_card(cx);
      draw_list(cx);
    }
    ImGui::EndChild();
  }
}

// ---- draw_verify ----------------------------------------------------------------------------
void CardsView::check(ViewContext& cx, const std::string& text) {
  check_.reset();
  check_error_.clear();
  const DistrictTrust trust = cx.session.trust();
  if (!cx.session.identity().certificate) {
    check_error_ = cx.i18n.tr("cards.verify.no_district");
    return;
  }
  check_ = verify_card(text, trust.district, cx.session.state(), cx.today);
}

void CardsView::draw_verify(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  section_heading(i18n.tr("cards.verify.title"));
  muted_text(i18n.tr("cards.verify.explain"));
  // the camera: the page's overlay shows it; its outcome is polled here each frame
  const int state = hearth_scan_state();
  if (scanning_ && state == 3) {
    char buf[kMaxCardText + 1];
    const int n = hearth_scan_take(buf, sizeof buf);
    scanning_ = false;
    if (n > 0) {
      typed_ = std::string(buf, static_cast<std::size_t>(n));
      check(cx, typed_);
    } else {
      scan_error_ = i18n.tr("cards.scan.error.other");
    }
    hearth_scan_stop();
  } else if (scanning_ && state == -1) {
    char kind[64] = {0}, detail[256] = {0};
    hearth_scan_error(kind, sizeof kind);
    hearth_scan_error_detail(detail, sizeof detail);
    const std::string key = std::string("cards.scan.error.") + kind;
    scan_error_ = i18n.trf(i18n.catalog().has(key) ? key.c_str() : "cards.scan.error.other", {detail});
    scanning_ = false;
    hearth_scan_stop();
  } else if (scanning_ && (state == 4 || state == 0)) {
    scanning_ = false;  // cancelled
    hearth_scan_stop();
  }
  const float w = std::min(ImGui::GetContentRegionAvail().x, 360.0f * cx.dpr);
  if (tall_button(label_id(i18n, scanning_ ? "cards.scan.working" : "cards.scan.start", "scan"), true, !scanning_, w, cx.dpr)) {
    scanning_ = true;
    scan_error_.clear();
    check_.reset();
    check_error_.clear();
    hearth_scan_start(i18n.tr("cards.scan.title"), i18n.tr("cards.scan.hint"), i18n.tr("form.cancel"));
  }
  if (!scan_error_.empty()) message("error", scan_error_);
  bool enter = false;
  text_field("card-code", i18n.tr("cards.verify.code"), typed_, i18n.tr("cards.verify.code_hint"), nullptr, i18n, &enter);
  if (tall_button(label_id(i18n, "cards.verify.check", "check"), false, !trim(typed_).empty(), w, cx.dpr) || (enter && !trim(typed_).empty()))
    check(cx, typed_);
}

// ---- draw_check -----------------------------------------------------------------------------
void CardsView::draw_check(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  if (!check_error_.empty()) message("error", check_error_);
  if (!check_) return;
  ImGui::Spacing();
  ImGui::PushFont(nullptr, kBaseFontSize * 1.6f);
  message(status_role(check_->status), i18n.tr(std::string(card_status_key(check_->status)).c_str()));
  ImGui::PopFont();
  automation::text_last("card-status", std::string(card_status_key(check_->status)));
  if (!check_->reason.empty()) message(status_role(check_->status), i18n.trf(check_->reason.c_str(), check_->args));
  if (!check_->claims) return;
  muted_text(i18n.tr(check_->signed_by_district() ? "cards.verify.claims" : "cards.verify.claims_unsigned"));
  if (ImGui::BeginTable("claims", 2, ImGuiTableFlags_SizingStretchProp)) {
    for (const auto& [label, value] : card_claim_lines(*check_->claims, i18n.catalog())) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
      ImGui::TextUnformatted(label.c_str());
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", value.c_str());
      automation::text_last("claim", value, label);
    }
    ImGui::EndTable();
  }
}

// ---- draw_card ------------------------------------------------------------------------------
void CardsView::draw_card(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  section_heading(i18n.tr("cards.card.title"));
  const Worker* w = worker_ ? st.workers().find(worker_) : nullptr;
  const ServiceLicence* l = w ? st.licence_of(worker_) : nullptr;
  if (!l) {
    muted_text(i18n.tr("cards.card.none_chosen"));
    return;
  }
  const bool unlocked = cx.session.identity().unlocked;
  if (st.revision() != card_revision_ || card_for_ != worker_ || unlocked != card_unlocked_) {
    credential_ = card_credential_for(st, worker_, cx.session.workspace().config());
    const auto code = cx.session.card_code(worker_);
    code_.clear();
    code_problem_.reset();
    qr_.reset();
    if (const auto* text = std::get_if<std::string>(&code)) {
      code_ = *text;
      qr_ = make_qr(code_);
    } else {
      code_problem_ = std::get<TrustProblem>(code);
    }
    card_revision_ = st.revision();
    card_for_ = worker_;
    card_unlocked_ = unlocked;
  }
  if (!credential_) {
    message("error", i18n.tr("err.card.none"));
    return;
  }
  const CardCredential& c = *credential_;
  const LicenceRevocation* revoked = st.revocation_of_licence(l->key);
  if (revoked) message("error", i18n.trf("cards.card.revoked", {revoked->date.iso(), revoked->reason}));
  else if (!l->valid_on(cx.today)) message("notice", i18n.trf("cards.card.expired", {l->expires.iso()}));
  else message("success", i18n.trf("cards.card.valid", {l->expires.iso()}));

  // print, open the profile, revoke: above the card, so the form opens in view
  const float bw = std::min(ImGui::GetContentRegionAvail().x, 240.0f * cx.dpr);
  if (tall_button(label_id(i18n, "cards.action.print", "print"), true, !code_.empty(), bw, cx.dpr)) {
    const std::string html = card_page_html(c, code_, issuing_unit(cx), i18n.catalog());
    const std::string name = card_page_file_name(c, i18n.catalog());
    bool opened = false;
#ifdef __EMSCRIPTEN__
    opened = hearth_report_open_html(html.data(), static_cast<int>(html.size())) != 0;
#endif
    if (!opened) cx.save_file(name, html);
    print_status_ = opened ? i18n.tr("cards.status.print_opened") : i18n.trf("cards.status.print_saved", {name});
    print_role_ = opened ? "success" : "notice";
  }
  ImGui::SameLine();
  if (tall_button(label_id(i18n, "cards.action.profile", "profile"), false, true, bw, cx.dpr)) cx.navigate({Area::Workers, worker_, {}, {}});
  if (cx.role() == DeviceRole::District && !revoked) {
    if (ImGui::GetContentRegionAvail().x > bw * 3) ImGui::SameLine();
    if (tall_button(label_id(i18n, revoking_ ? "cards.action.revoke_close" : "cards.action.revoke", "revoke"), false, cx.editable(), bw, cx.dpr)) {
      revoking_ = !revoking_;
      revoke_save_.clear();
    }
  }
  if (!print_status_.empty()) message(print_role_.c_str(), print_status_);
  if (revoking_) draw_revoke(cx, worker_);
  if (!revoke_save_.saved().empty() && !revoking_) message("success", revoke_save_.saved());
  // the card: photo space, what it says, the QR code
  const float qr_side = 200.0f * cx.dpr;
  const ImGuiChildFlags box = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_AutoResizeY;
  const float card_w = std::min(ImGui::GetContentRegionAvail().x, 640.0f * cx.dpr);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().panel);
  if (ImGui::BeginChild("card_face", ImVec2(card_w, 0), box)) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::PushFont(nullptr, kBaseFontSize * 1.15f);
    ImGui::TextUnformatted(i18n.tr("cards.page.heading"));
    ImGui::PopFont();
    ImGui::PopStyleColor();
    ImGui::Separator();
    const ImVec2 photo = ImGui::GetCursorScreenPos();
    const float pw = 90.0f * cx.dpr, ph = 120.0f * cx.dpr;
    ImGui::GetWindowDrawList()->AddRect(photo, ImVec2(photo.x + pw, photo.y + ph), ImGui::GetColorU32(palette().muted), 0, 0, cx.dpr);
    const char* photo_text = i18n.tr("cards.page.photo");
    const ImVec2 ts = ImGui::CalcTextSize(photo_text);
    ImGui::GetWindowDrawList()->AddText(ImVec2(photo.x + (pw - ts.x) * 0.5f, photo.y + (ph - ts.y) * 0.5f), ImGui::GetColorU32(palette().muted),
                                        photo_text);
    ImGui::Dummy(ImVec2(pw, ph));
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushFont(nullptr, kBaseFontSize * 1.3f);
    ImGui::TextUnformatted(c.name.c_str());
    ImGui::PopFont();
    automation::text_last("card-name", c.name);
    ImGui::TextUnformatted(c.masked_id.c_str());
    const auto lines = card_claim_lines(c, i18n.catalog());
    for (std::size_t i : {std::size_t{2}, std::size_t{3}, std::size_t{4}, std::size_t{9}}) {
      const std::string line = lines[i].first + "  " + lines[i].second;
      ImGui::TextUnformatted(line.c_str());
      automation::text_last("card-line", lines[i].second, lines[i].first);
    }
    const std::string unit = i18n.trf("cards.page.issued_by", {issuing_unit(cx), c.issued.iso()});
    muted_text(unit.c_str());
    ImGui::EndGroup();
    if (qr_) {
      if (ImGui::GetContentRegionAvail().x > qr_side + pw) ImGui::SameLine();
      draw_qr(*qr_, qr_side);
    }
    ImGui::EndChild();
  }
  ImGui::PopStyleColor();
  if (!qr_ && code_problem_) {
    message("notice", i18n.trf(("cards.card.no_qr." + code_problem_->message).c_str(), code_problem_->args));
    if (code_problem_->message == "err.key.locked" || code_problem_->message == "err.key.missing")
      if (secondary_button(label_id(i18n, "classroom.action.go_exchange", "cards-go-exchange").c_str())) cx.navigate({Area::Exchange, kNoKey, {}, {}});
  }
  if (!code_.empty()) copyable_text("card-code-text", i18n.tr("cards.card.code"), card_typed_form(code_), ImGui::GetFrameHeight() * 2.2f);

}

void CardsView::draw_revoke(ViewContext& cx, Key worker) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  if (revoke_save_.poll(cx.session, i18n) == FormSave::Outcome::Saved) {
    revoke_save_.set_saved(i18n.tr("cards.status.revoked"));
    revoke_ = {};
    revoking_ = false;
    return;
  }
  if (revoke_.date.empty()) revoke_.date = cx.today.iso();
  ImGui::BeginDisabled(!cx.editable());
  if (date_field("revoke-date", i18n.tr("cards.field.revoke_date"), revoke_.date, revoke_save_.at("date"), i18n)) revoke_save_.forget("date");
  if (text_field("revoke-reason", i18n.tr("cards.field.revoke_reason"), revoke_.reason, i18n.tr("cards.hint.revoke_reason"),
                 revoke_save_.at("reason"), i18n))
    revoke_save_.forget("reason");
  ImGui::EndDisabled();
  if (tall_button(label_id(i18n, "cards.action.revoke_confirm", "revoke-confirm"), true, cx.editable() && !revoke_save_.pending(),
                  std::min(ImGui::GetContentRegionAvail().x, 240.0f * cx.dpr), cx.dpr)) {
    RevokeLicence cmd = revoke_;
    cmd.worker = st.record_id(worker);
    revoke_save_.submit(cx.session, cmd);
  }
  form_status(revoke_save_, cx.session, i18n);
}

// ---- draw_list ------------------------------------------------------------------------------
void CardsView::draw_list(ViewContext& cx) {
  const I18n& i18n = cx.i18n;
  const State& st = cx.session.state();
  section_heading(i18n.tr("cards.list.title"));
  // the card in force for each worker, newest issue first
  std::vector<const ServiceLicence*> cards;
  for (const ServiceLicence& l : st.licences().rows())
    if (st.licence_of(l.worker) == &l) cards.push_back(&l);
  if (cards.empty()) {
    muted_text(i18n.tr("cards.list.empty"));
    return;
  }
  std::sort(cards.begin(), cards.end(), [](const ServiceLicence* a, const ServiceLicence* b) {
    return a->issued != b->issued ? b->issued < a->issued : a->key < b->key;
  });
  message("status", i18n.trf("table.count", {std::to_string(cards.size())}));
  const float row_h = (cx.touch ? 44.0f : 36.0f) * cx.dpr;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  const float height = std::max(ImGui::GetContentRegionAvail().y, 8 * row_h);
  if (!ImGui::BeginTable("cards", 5, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* key : {"cards.col.number", "cards.col.name", "cards.col.issued", "cards.col.expires", "cards.col.status"})
    ImGui::TableSetupColumn(i18n.tr(key));
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(cards.size()), row_h);
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const ServiceLicence& l = *cards[static_cast<std::size_t>(i)];
      const Worker* w = st.workers().find(l.worker);
      ImGui::TableNextRow(0, row_h);
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(l.key));
      if (ImGui::Selectable(l.number.c_str(), l.worker == worker_, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, row_h))) {
        worker_ = l.worker;
        revoking_ = false;
        print_status_.clear();
      }
      const std::string name = w ? w->name() : "—";
      automation::annotate_last("row", l.number + " " + name);
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.issued.iso().c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.expires.iso().c_str());
      ImGui::TableNextColumn();
      const char* status = st.revocation_of_licence(l.key) ? "card.status.revoked" : l.valid_on(cx.today) ? "card.status.valid" : "card.status.expired";
      ImGui::TextUnformatted(i18n.tr(status));
    }
  ImGui::EndTable();
}

}  // namespace hearth::ui
