// The printable 持证上门 card (measure 23): one HTML page holding the card at its real size
// (85.6 × 54 mm, ID-1) — photo space, name, masked ID, card number, employer, categories, valid
// until, issuing unit — and its QR code as SVG with the typed code under it, so a card still
// checks when the QR is damaged. Also the lines the screen shows for a card's claims.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "card.hpp"
#include "catalog.hpp"

namespace hearth {

// What a card claims, as (label, value) lines in the catalog's language.
std::vector<std::pair<std::string, std::string>> card_claim_lines(const CardCredential& c, const Catalog& catalog);

// The page: `qr_text` is sign_card's text; `issuing_unit` the district office's name.
std::string card_page_html(const CardCredential& c, const std::string& qr_text, const std::string& issuing_unit, const Catalog& catalog);
std::string card_page_file_name(const CardCredential& c, const Catalog& catalog);

}  // namespace hearth
