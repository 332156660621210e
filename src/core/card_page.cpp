#include "card_page.hpp"

#include "qr.hpp"
#include "register_tables.hpp"
#include "yearly_report.hpp"

namespace hearth {

namespace {
std::string tr(const Catalog& c, std::string_view key) { return std::string(c.text(key)); }
std::string term(const Catalog& c, std::span<const Term> terms, std::uint8_t v) { return term_text(c, terms, v); }
}  // namespace

std::vector<std::pair<std::string, std::string>> card_claim_lines(const CardCredential& c, const Catalog& k) {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back(tr(k, "cards.claim.name"), c.name);
  out.emplace_back(tr(k, "cards.claim.id"), c.masked_id);
  out.emplace_back(tr(k, "cards.claim.number"), c.number);
  std::string occupation = term(k, terms_occupation(), static_cast<std::uint8_t>(c.occupation));
  if (c.skill != SkillLevel::None) occupation += " · " + term(k, terms_skill_level(), static_cast<std::uint8_t>(c.skill));
  out.emplace_back(tr(k, "cards.claim.occupation"), occupation);
  out.emplace_back(tr(k, "cards.claim.employer"),
                   c.employer.empty() ? tr(k, "cards.claim.no_employer") : c.employer_is_code ? k.format("cards.claim.employer_code", {c.employer}) : c.employer);
  out.emplace_back(tr(k, "cards.claim.health"),
                   k.format("cards.claim.health_value", {term(k, terms_health_category(), static_cast<std::uint8_t>(c.health_category)),
                                                         c.health_valid_until.iso()}));
  out.emplace_back(tr(k, "cards.claim.training"),
                   k.format("cards.claim.training_value", {term(k, terms_course_type(), static_cast<std::uint8_t>(c.training_type)),
                                                           c.training_date.iso(), c.training_certificate}));
  out.emplace_back(tr(k, "cards.claim.credit"), std::string(1, c.credit_grade));
  out.emplace_back(tr(k, "cards.claim.issued"), c.issued.iso());
  out.emplace_back(tr(k, "cards.claim.expires"), c.expires.iso());
  return out;
}

std::string card_page_file_name(const CardCredential& c, const Catalog& k) { return k.format("cards.page.file", {c.number, c.name}) + ".html"; }

std::string card_page_html(const CardCredential& c, const std::string& qr_text, const std::string& issuing_unit, const Catalog& k) {
  std::string svg;
  if (const auto qr = make_qr(qr_text)) svg = qr_svg(*qr, 4);
  std::string h;
  h += "<!doctype html><html lang=\"" + tr(k, "cards.page.lang") + "\"><head><meta charset=\"utf-8\"><title>" +
       html_escape(k.format("cards.page.title", {c.name, c.number})) + "</title><style>"
       "@page{size:A4;margin:15mm}body{font-family:sans-serif;color:#1f2933;margin:0;padding:12mm}"
       ".card{width:85.6mm;height:54mm;border:0.3mm solid #1f2933;border-radius:3mm;padding:3mm;box-sizing:border-box;"
       "display:grid;grid-template-columns:18mm 1fr 24mm;gap:2mm;font-size:2.6mm;line-height:1.35}"
       ".head{grid-column:1/4;font-weight:bold;font-size:3.4mm;color:#0b5fa5;border-bottom:0.3mm solid #0b5fa5;padding-bottom:1mm}"
       ".photo{width:18mm;height:24mm;border:0.3mm dashed #8896a5;display:flex;align-items:center;justify-content:center;color:#8896a5}"
       ".name{font-size:3.6mm;font-weight:bold}.qr svg{width:24mm;height:24mm}.unit{grid-column:1/4;font-size:2.3mm;color:#52606d}"
       ".code{font-family:monospace;font-size:3mm;word-break:break-all;margin-top:6mm;max-width:170mm}"
       "table{border-collapse:collapse;margin-top:6mm}td{padding:1mm 3mm 1mm 0;vertical-align:top}"
       "@media print{.noprint{display:none}}</style></head><body>";
  h += "<p class=\"noprint\"><button onclick=\"print()\">" + html_escape(tr(k, "cards.page.print")) + "</button></p>";
  h += "<div class=\"card\"><div class=\"head\">" + html_escape(tr(k, "cards.page.heading")) + "</div>";
  h += "<div class=\"photo\">" + html_escape(tr(k, "cards.page.photo")) + "</div><div>";
  h += "<div class=\"name\">" + html_escape(c.name) + "</div>";
  h += "<div>" + html_escape(c.masked_id) + "</div>";
  h += "<div>" + html_escape(tr(k, "cards.claim.number")) + " " + html_escape(c.number) + "</div>";
  const auto lines = card_claim_lines(c, k);
  h += "<div>" + html_escape(lines[3].second) + "</div>";                                             // occupation
  h += "<div>" + html_escape(lines[4].first) + " " + html_escape(lines[4].second) + "</div>";        // employer
  h += "<div>" + html_escape(k.format("cards.page.valid_until", {c.expires.iso()})) + "</div></div>";
  h += "<div class=\"qr\">" + svg + "</div>";
  h += "<div class=\"unit\">" + html_escape(k.format("cards.page.issued_by", {issuing_unit, c.issued.iso()})) + "</div></div>";
  h += "<table>";
  for (const auto& [label, value] : lines) h += "<tr><td>" + html_escape(label) + "</td><td>" + html_escape(value) + "</td></tr>";
  h += "</table>";
  h += "<p class=\"code\">" + html_escape(tr(k, "cards.page.code")) + "<br><span id=\"card-code\">" + html_escape(card_typed_form(qr_text)) +
       "</span></p>";
  h += "<p>" + html_escape(tr(k, "cards.page.how_to_check")) + "</p></body></html>";
  return h;
}

}  // namespace hearth
