// 上门服务证: the home-service cards (持证上门, measure 23). Checking a card — scanned with the
// camera or its code typed — against the district's key and what this device knows, with no
// network; one worker's card on screen with its QR code (the district office's device, unlocked,
// signs it), printed as a page, or revoked; and the cards issued, as a list.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "card.hpp"
#include "commands.hpp"
#include "form_save.hpp"
#include "qr.hpp"
#include "view.hpp"

namespace hearth::ui {

class CardsView {
 public:
  void draw(ViewContext& cx);
  // Another view sent the person here: `record` is the worker whose card to show.
  void show(const NavigationRequest& request);

 private:
  void draw_verify(ViewContext& cx);
  void draw_check(ViewContext& cx);
  void draw_card(ViewContext& cx);
  void draw_revoke(ViewContext& cx, Key worker);
  void draw_list(ViewContext& cx);
  void check(ViewContext& cx, const std::string& text);

  // checking
  std::string typed_;
  std::optional<CardCheck> check_;
  std::string check_error_;  // why nothing could be checked (the device knows no district key)
  bool scanning_ = false;
  std::string scan_error_;
  // the card shown
  Key worker_ = kNoKey;
  std::uint64_t card_revision_ = ~std::uint64_t{0};
  Key card_for_ = kNoKey;
  bool card_unlocked_ = false;
  std::optional<CardCredential> credential_;
  std::string code_;           // the signed QR text, when this device can sign
  std::optional<TrustProblem> code_problem_;
  std::optional<QrCode> qr_;
  std::string print_status_, print_role_;
  // revoking
  bool revoking_ = false;
  RevokeLicence revoke_;
  FormSave revoke_save_;
};

}  // namespace hearth::ui
