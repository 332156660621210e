#include "domain.hpp"

#include <algorithm>
#include <array>

namespace hearth {

namespace {
template <class Enum>
constexpr Term t(Enum e, std::string_view key) { return {static_cast<std::uint8_t>(e), key}; }

constexpr std::array kEmploymentForm{t(EmploymentForm::LabourContract, "term.form.labour_contract"),
                                     t(EmploymentForm::ServiceAgreement, "term.form.service_agreement"),
                                     t(EmploymentForm::Flexible, "term.form.flexible")};
constexpr std::array kSocialInsurance{t(SocialInsurance::None, "term.insurance.none"),
                                      t(SocialInsurance::UrbanEmployee, "term.insurance.urban_employee"),
                                      t(SocialInsurance::UrbanRuralResident, "term.insurance.urban_rural_resident")};
constexpr std::array kOccupation{t(Occupation::Housekeeper, "term.occupation.housekeeper"),
                                 t(Occupation::InfantCarer, "term.occupation.infant_carer"),
                                 t(Occupation::ElderlyCarer, "term.occupation.elderly_carer"),
                                 t(Occupation::MaternalInfant, "term.occupation.maternal_infant"),
                                 t(Occupation::Cleaner, "term.occupation.cleaner"),
                                 t(Occupation::Manager, "term.occupation.manager")};
constexpr std::array kSkillLevel{t(SkillLevel::None, "term.skill.none"), t(SkillLevel::Level5, "term.skill.level5"),
                                 t(SkillLevel::Level4, "term.skill.level4"), t(SkillLevel::Level3, "term.skill.level3"),
                                 t(SkillLevel::Level2, "term.skill.level2")};
constexpr std::array kEmploymentEnd{t(EmploymentEnd::Resigned, "term.end.resigned"), t(EmploymentEnd::LaidOff, "term.end.laid_off"),
                                    t(EmploymentEnd::Dismissed, "term.end.dismissed"),
                                    t(EmploymentEnd::ContractEnded, "term.end.contract_ended")};
constexpr std::array kSpecialGroup{t(SpecialGroup::NeedyStudent, "term.group.needy_student"),
                                   t(SpecialGroup::Unemployed, "term.group.unemployed"),
                                   t(SpecialGroup::PoorLabour, "term.group.poor_labour"),
                                   t(SpecialGroup::Veteran, "term.group.veteran"),
                                   t(SpecialGroup::NeedyEmployee, "term.group.needy_employee"),
                                   t(SpecialGroup::NeedyMigrantWorker, "term.group.needy_migrant"),
                                   t(SpecialGroup::HardToEmploy, "term.group.hard_to_employ"),
                                   t(SpecialGroup::NewGraduate, "term.group.new_graduate")};
constexpr std::array kAward{t(Award::MayDayMedal, "term.award.may_day_medal"),
                            t(Award::MayDayWomenPacesetter, "term.award.may_day_women"),
                            t(Award::MarchEighthRedBanner, "term.award.march_eighth"),
                            t(Award::WomenPostMerit, "term.award.women_post_merit"),
                            t(Award::BayuSister, "term.award.bayu_sister"),
                            t(Award::YouthPostExpert, "term.award.youth_post_expert"),
                            t(Award::ModelWorker, "term.award.model_worker"),
                            t(Award::SkillsContest, "term.award.skills_contest")};
constexpr std::array kServiceKind{t(ServiceKind::Housekeeping, "term.service.housekeeping"),
                                  t(ServiceKind::Childcare, "term.service.childcare"),
                                  t(ServiceKind::ElderlyCare, "term.service.elderly_care"),
                                  t(ServiceKind::MaternalInfant, "term.service.maternal_infant"),
                                  t(ServiceKind::Cleaning, "term.service.cleaning"),
                                  t(ServiceKind::Repair, "term.service.repair"),
                                  t(ServiceKind::Moving, "term.service.moving"),
                                  t(ServiceKind::Laundry, "term.service.laundry")};
constexpr std::array kEnterpriseFlag{t(EnterpriseFlag::Leading, "term.flag.leading"),
                                     t(EnterpriseFlag::EducationIntegrated, "term.flag.education_integrated"),
                                     t(EnterpriseFlag::InternetPlatform, "term.flag.internet_platform"),
                                     t(EnterpriseFlag::Brand, "term.flag.brand"),
                                     t(EnterpriseFlag::TrainingSchool, "term.flag.training_school"),
                                     t(EnterpriseFlag::Group, "term.flag.group"),
                                     t(EnterpriseFlag::Large, "term.flag.large"),
                                     t(EnterpriseFlag::VocationalMajor, "term.flag.vocational_major")};
constexpr std::array kCourseType{t(CourseType::PreJob, "term.course.pre_job"), t(CourseType::Refresher, "term.course.refresher"),
                                 t(CourseType::SkillUpgrade, "term.course.skill_upgrade"),
                                 t(CourseType::Manager, "term.course.manager")};
constexpr std::array kTrainingProgramme{t(TrainingProgramme::None, "term.programme.none"),
                                        t(TrainingProgramme::SpringTide, "term.programme.spring_tide"),
                                        t(TrainingProgramme::UnionSkills, "term.programme.union_skills"),
                                        t(TrainingProgramme::WomenHousekeeping, "term.programme.women_housekeeping"),
                                        t(TrainingProgramme::RainDew, "term.programme.rain_dew")};
constexpr std::array kHealthCategory{t(HealthCategory::General, "term.health.general"),
                                     t(HealthCategory::HomeService, "term.health.home_service"),
                                     t(HealthCategory::ElderlyCare, "term.health.elderly_care"),
                                     t(HealthCategory::MaternalInfant, "term.health.maternal_infant")};
constexpr std::array kHealthItem{t(HealthItem::General, "term.item.general"), t(HealthItem::ChestXray, "term.item.chest_xray"),
                                 t(HealthItem::LiverFunction, "term.item.liver_function"),
                                 t(HealthItem::HepatitisMarkers, "term.item.hepatitis"), t(HealthItem::Syphilis, "term.item.syphilis"),
                                 t(HealthItem::Hiv, "term.item.hiv"), t(HealthItem::Gynaecology, "term.item.gynaecology"),
                                 t(HealthItem::Mental, "term.item.mental")};
constexpr std::array kRestArrangement{t(RestArrangement::WeeklyFixed, "term.rest.weekly_fixed"),
                                      t(RestArrangement::MonthlyAgreed, "term.rest.monthly_agreed"),
                                      t(RestArrangement::Compensated, "term.rest.compensated")};
constexpr std::array kComplaintChannel{t(ComplaintChannel::Hotline12315, "term.channel.hotline_12315"),
                                       t(ComplaintChannel::InternetPlatform, "term.channel.internet"),
                                       t(ComplaintChannel::WalkIn, "term.channel.walk_in"),
                                       t(ComplaintChannel::Association, "term.channel.association")};
constexpr std::array kMediator{t(Mediator::ConsumerAssociation, "term.mediator.consumer_association"),
                               t(Mediator::IndustryAssociation, "term.mediator.industry_association"),
                               t(Mediator::LabourDisputeRoom, "term.mediator.labour_dispute_room")};
constexpr std::array kComplaintOutcome{t(ComplaintOutcome::Upheld, "term.outcome.upheld"),
                                       t(ComplaintOutcome::PartlyUpheld, "term.outcome.partly_upheld"),
                                       t(ComplaintOutcome::NotUpheld, "term.outcome.not_upheld"),
                                       t(ComplaintOutcome::Withdrawn, "term.outcome.withdrawn"),
                                       t(ComplaintOutcome::Settled, "term.outcome.settled")};
constexpr std::array kCreditKind{t(CreditKind::Evaluation, "term.credit.evaluation"),
                                 t(CreditKind::BackgroundVerified, "term.credit.background_verified"),
                                 t(CreditKind::Violation, "term.credit.violation"),
                                 t(CreditKind::Commendation, "term.credit.commendation")};
constexpr std::array kIdentityMethod{t(IdentityMethod::CardInspected, "term.identity.card_inspected"),
                                     t(IdentityMethod::PoliceCheck, "term.identity.police_check")};
constexpr std::array kMeasureStatus{t(MeasureStatus::NotStarted, "term.status.not_started"),
                                    t(MeasureStatus::InProgress, "term.status.in_progress"), t(MeasureStatus::Done, "term.status.done"),
                                    t(MeasureStatus::Behind, "term.status.behind")};
}  // namespace

std::span<const Term> terms_employment_form() { return kEmploymentForm; }
std::span<const Term> terms_social_insurance() { return kSocialInsurance; }
std::span<const Term> terms_occupation() { return kOccupation; }
std::span<const Term> terms_skill_level() { return kSkillLevel; }
std::span<const Term> terms_employment_end() { return kEmploymentEnd; }
std::span<const Term> terms_special_group() { return kSpecialGroup; }
std::span<const Term> terms_award() { return kAward; }
std::span<const Term> terms_service_kind() { return kServiceKind; }
std::span<const Term> terms_enterprise_flag() { return kEnterpriseFlag; }
std::span<const Term> terms_course_type() { return kCourseType; }
std::span<const Term> terms_training_programme() { return kTrainingProgramme; }
std::span<const Term> terms_health_category() { return kHealthCategory; }
std::span<const Term> terms_health_item() { return kHealthItem; }
std::span<const Term> terms_rest_arrangement() { return kRestArrangement; }
std::span<const Term> terms_complaint_channel() { return kComplaintChannel; }
std::span<const Term> terms_mediator() { return kMediator; }
std::span<const Term> terms_complaint_outcome() { return kComplaintOutcome; }
std::span<const Term> terms_credit_kind() { return kCreditKind; }
std::span<const Term> terms_identity_method() { return kIdentityMethod; }
std::span<const Term> terms_measure_status() { return kMeasureStatus; }

bool is_term(std::span<const Term> terms, std::uint8_t value) {
  return std::any_of(terms.begin(), terms.end(), [&](const Term& x) { return x.value == value; });
}

std::string_view term_key(std::span<const Term> terms, std::uint8_t value) {
  for (const Term& x : terms)
    if (x.value == value) return x.key;
  return {};
}

bool is_term_set(std::span<const Term> terms, std::uint16_t set) {
  std::uint16_t allowed = 0;
  for (const Term& x : terms) allowed = static_cast<std::uint16_t>(allowed | (1u << x.value));
  return (set & ~allowed) == 0;
}

HealthCategory required_health_category(Occupation o) {
  switch (o) {
    case Occupation::MaternalInfant:
    case Occupation::InfantCarer: return HealthCategory::MaternalInfant;
    case Occupation::ElderlyCarer: return HealthCategory::ElderlyCare;
    case Occupation::Housekeeper: return HealthCategory::HomeService;
    case Occupation::Cleaner:
    case Occupation::Manager: return HealthCategory::General;
  }
  return HealthCategory::MaternalInfant;  // unknown: the strictest
}

}  // namespace hearth
