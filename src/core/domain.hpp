// The programme's vocabularies: every closed list a record can choose from, with its
// catalog key, as one table per list. Values are part of the stored events — append new
// values, never renumber. Views show `label_key(v)` through the translation catalog.
//
// Index
//   1. Workers: employment form, social insurance, occupation, skill level, special groups, awards
//   2. Enterprises and service points: service kinds, enterprise flags
//   3. Training: course type, programme
//   4. Health: the four national categories, check items
//   5. Contracts, complaints, credit, progress
//   6. Bit sets and lookups
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

namespace hearth {

// ---- 1. Workers ---------------------------------------------------------------------------
enum class EmploymentForm : std::uint8_t { LabourContract = 1, ServiceAgreement = 2, Flexible = 3 };  // 劳动合同 / 服务协议 / 灵活就业
enum class SocialInsurance : std::uint8_t { None = 0, UrbanEmployee = 1, UrbanRuralResident = 2 };    // 城镇职工 / 城乡居民
enum class Occupation : std::uint8_t {
  Housekeeper = 1,     // 家政服务员
  InfantCarer = 2,     // 育婴员
  ElderlyCarer = 3,    // 养老护理员
  MaternalInfant = 4,  // 母婴护理员
  Cleaner = 5,         // 保洁员
  Manager = 6,         // 家政职业经理人
};
// 职业技能等级 per the 家政服务员 national standard (2019, 4-10-01-06); 0 = no certificate.
enum class SkillLevel : std::uint8_t { None = 0, Level5 = 5, Level4 = 4, Level3 = 3, Level2 = 2 };
enum class EmploymentEnd : std::uint8_t { Resigned = 1, LaidOff = 2, Dismissed = 3, ContractEnded = 4 };

// Special groups (measure 6, 16): bits of Worker::special_groups.
enum class SpecialGroup : std::uint8_t {
  NeedyStudent = 0,          // 困难学生
  Unemployed = 1,            // 失业人员
  PoorLabour = 2,            // 贫困劳动力 / 建档立卡
  Veteran = 3,               // 复员退伍士兵
  NeedyEmployee = 4,         // 困难职工
  NeedyMigrantWorker = 5,    // 困难农民工
  HardToEmploy = 6,          // 就业困难人员
  NewGraduate = 7,           // 应届高校毕业生
};
// Awards (measure 20): bits of Worker::awards.
enum class Award : std::uint8_t {
  MayDayMedal = 0,        // 五一劳动奖章
  MayDayWomenPacesetter,  // 五一巾帼标兵
  MarchEighthRedBanner,   // 三八红旗手
  WomenPostMerit,         // 城乡妇女岗位建功先进个人
  BayuSister,             // 巴渝大姐家政人才
  YouthPostExpert,        // 青年岗位能手
  ModelWorker,            // 劳动模范
  SkillsContest,          // 职业技能大赛获奖
};

// ---- 2. Enterprises and service points ----------------------------------------------------
enum class ServiceKind : std::uint8_t {
  Housekeeping = 0,  // 家政
  Childcare,         // 托幼 / 育幼
  ElderlyCare,       // 托老 / 养老
  MaternalInfant,    // 母婴
  Cleaning,          // 保洁
  Repair,            // 整修 / 家修
  Moving,            // 搬运
  Laundry,           // 洗涤
};
enum class EnterpriseFlag : std::uint8_t {
  Leading = 0,            // 龙头企业
  EducationIntegrated,    // 产教融合型
  InternetPlatform,       // 互联网家政
  Brand,                  // 品牌
  TrainingSchool,         // 培训学校 / 机构
  Group,                  // 集团化 / 连锁化
  Large,                  // 大型家政企业（竞争力强）
  VocationalMajor,        // 开设家政专业的职业学校
};

// ---- 3. Training --------------------------------------------------------------------------
enum class CourseType : std::uint8_t { PreJob = 1, Refresher = 2, SkillUpgrade = 3, Manager = 4 };  // 岗前 / 回炉 / 技能提升 / 职业经理人
enum class TrainingProgramme : std::uint8_t { None = 0, SpringTide = 1, UnionSkills = 2, WomenHousekeeping = 3, RainDew = 4 };

// ---- 4. Health: 商服贸规函〔2020〕191号, least to most strict ---------------------------------
enum class HealthCategory : std::uint8_t { General = 1, HomeService = 2, ElderlyCare = 3, MaternalInfant = 4 };
enum class HealthItem : std::uint8_t { General = 0, ChestXray, LiverFunction, HepatitisMarkers, Syphilis, Hiv, Gynaecology, Mental };

// ---- 5. Contracts, complaints, credit, progress -------------------------------------------
enum class RestArrangement : std::uint8_t { WeeklyFixed = 1, MonthlyAgreed = 2, Compensated = 3 };  // 每周固定 / 每月协商 / 折算补偿
enum class ComplaintChannel : std::uint8_t { Hotline12315 = 1, InternetPlatform = 2, WalkIn = 3, Association = 4 };
enum class Mediator : std::uint8_t { ConsumerAssociation = 1, IndustryAssociation = 2, LabourDisputeRoom = 3 };
enum class ComplaintOutcome : std::uint8_t { Upheld = 1, PartlyUpheld = 2, NotUpheld = 3, Withdrawn = 4, Settled = 5 };
enum class CreditKind : std::uint8_t { Evaluation = 1, BackgroundVerified = 2, Violation = 3, Commendation = 4 };
// Violation: 1 minor, 2 serious, 3 serious dishonesty (严重失信 → joint punishment).
// Commendation: 1 district, 2 city, 3 national.
enum class IdentityMethod : std::uint8_t { CardInspected = 1, PoliceCheck = 2 };  // 查验身份证 / 公安核查
enum class MeasureStatus : std::uint8_t { NotStarted = 0, InProgress = 1, Done = 2, Behind = 3 };

// ---- 6. Bit sets and lookups --------------------------------------------------------------
template <class Enum>
constexpr std::uint16_t bit(Enum e) { return static_cast<std::uint16_t>(1u << static_cast<unsigned>(e)); }
template <class Enum>
constexpr bool has(std::uint16_t set, Enum e) { return (set & bit(e)) != 0; }

// One entry of a vocabulary: its stored value and its catalog key.
struct Term {
  std::uint8_t value;
  std::string_view key;
};
// The terms of each vocabulary, in display order. The catalog test checks every key exists.
std::span<const Term> terms_employment_form();
std::span<const Term> terms_social_insurance();
std::span<const Term> terms_occupation();
std::span<const Term> terms_skill_level();
std::span<const Term> terms_employment_end();
std::span<const Term> terms_special_group();
std::span<const Term> terms_award();
std::span<const Term> terms_service_kind();
std::span<const Term> terms_enterprise_flag();
std::span<const Term> terms_course_type();
std::span<const Term> terms_training_programme();
std::span<const Term> terms_health_category();
std::span<const Term> terms_health_item();
std::span<const Term> terms_rest_arrangement();
std::span<const Term> terms_complaint_channel();
std::span<const Term> terms_mediator();
std::span<const Term> terms_complaint_outcome();
std::span<const Term> terms_credit_kind();
std::span<const Term> terms_identity_method();
std::span<const Term> terms_measure_status();

// Whether `value` is one of the terms (for validating what arrives in a command).
bool is_term(std::span<const Term> terms, std::uint8_t value);
// The catalog key of `value`, or "" if it is not a term.
std::string_view term_key(std::span<const Term> terms, std::uint8_t value);
// Whether a bit set uses only bits that are terms.
bool is_term_set(std::span<const Term> terms, std::uint16_t set);

// The health category a worker of this occupation needs for home visits (measure 24: stricter
// for 育婴员 and 养老护理员). A check of a stricter category covers the lesser ones.
HealthCategory required_health_category(Occupation o);

}  // namespace hearth
