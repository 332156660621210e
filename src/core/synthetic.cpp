// Index: 1. word lists  2. identifiers  3. the generator, month by month
#include "synthetic.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_set>

#include "credit_code.hpp"
#include "measures.hpp"
#include "resident_id.hpp"
#include "rules.hpp"
#include "township.hpp"

namespace hearth {

namespace {

// ---- 1. word lists ------------------------------------------------------------------------
constexpr std::array kSurnames{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
                               "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
                               "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "向", "冉",
                               "谭", "熊", "秦", "邹", "贺", "廖"};
constexpr std::array kGiven{"伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
                            "超", "霞", "平", "刚", "桂", "兰", "玉", "梅", "红", "华", "春", "燕", "婷", "琴", "云", "莉", "凤", "珍",
                            "建", "国", "文", "辉", "丹", "萍", "晓", "小", "亚", "雪", "慧", "琳", "倩", "佳", "欣", "颖", "海", "波",
                            "家", "德", "银", "成", "福", "群"};
constexpr std::array kBrand{"安心", "巴渝", "开州", "汉丰", "惠民", "贴心", "好帮手", "家和", "康宁", "福满", "暖阳", "金牌", "月嫂之家",
                            "乐龄", "悦家", "邻里", "顺心", "阳光", "巧手", "盛山"};
constexpr std::array kSuffix{"家政服务有限公司", "家庭服务有限公司", "养老服务有限公司", "母婴护理服务中心", "保洁服务有限公司"};
constexpr std::array kCommunity{"滨湖社区", "盛山社区", "凤凰社区", "安康社区", "南山社区", "东华社区", "明月社区", "汉丰社区", "平桥社区", "书院社区"};
constexpr std::array kInstitution{"开州区人民医院", "开州区中医院", "开州区妇幼保健院", "开州区疾病预防控制中心"};

// ---- 2. identifiers -----------------------------------------------------------------------
std::string resident_id(SplitMix& r, std::unordered_set<std::string>& used) {
  for (;;) {
    char first17[24];
    const unsigned region = r.chance(850) ? 500154u : 500234u;  // older numbers carry the former Kai County code
    // One draw per statement: the order of a call's arguments is unspecified (g++ and em++ differ).
    const unsigned year = 1962 + r.below(41), month = 1 + r.below(12), day = 1 + r.below(28), serial = r.below(1000);
    std::snprintf(first17, sizeof first17, "%06u%04u%02u%02u%03u", region, year, month, day, serial);
    std::string id = std::string(first17) + ResidentId::check_character(first17);
    if (used.insert(id).second) return id;
  }
}

std::string credit_code(SplitMix& r, std::unordered_set<std::string>& used) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (;;) {
    std::string c = r.chance(900) ? "91500154" : "92500154";
    for (int i = 0; i < 9; ++i) c += kAlphabet[r.below(31)];
    c += CreditCode::check_character(c);
    if (used.insert(c).second) return c;
  }
}

std::string mobile(SplitMix& r) {
  static constexpr std::array kPrefix{"133", "135", "136", "138", "139", "150", "151", "152", "157", "158", "159", "177", "180", "182",
                                      "183", "187", "188", "189", "191", "199"};
  char tail[16];
  std::snprintf(tail, sizeof tail, "%08u", r.below(100000000));
  return std::string(kPrefix[r.below(kPrefix.size())]) + tail;
}

std::string person_name(SplitMix& r) {
  std::string n = kSurnames[r.below(kSurnames.size())];
  n += kGiven[r.below(kGiven.size())];
  if (r.chance(700)) n += kGiven[r.below(kGiven.size())];
  return n;
}

std::uint32_t township(SplitMix& r) {
  const auto& all = kaizhou_townships().all();
  // Half the population lives in the eight streets of the town centre.
  return r.chance(500) ? all[r.below(8)].code : all[r.below(static_cast<std::uint32_t>(all.size()))].code;
}

std::string date_in_month(SplitMix& r, std::int32_t y, std::int32_t m, std::int32_t last_day) {
  return Date{y, m, 1 + static_cast<std::int32_t>(r.below(static_cast<std::uint32_t>(last_day)))}.iso();
}

// ---- 3. the generator ---------------------------------------------------------------------
class Generator {
 public:
  Generator(Workspace& ws, std::uint64_t seed, const DistrictScale& scale, const std::function<void(const SealedEvent&)>& sink)
      : ws_(ws), r_(seed), scale_(scale), sink_(sink) {}

  GenerationReport run() {
    constexpr std::int32_t kMonths = 36;  // 2020-01 … 2022-12
    for (std::int32_t i = 0; i < kMonths; ++i) month(2020 + i / 12, 1 + i % 12, i, kMonths);
    return report_;
  }

 private:
  RecordId submit(Command cmd) {
    Decision d = ws_.decide(cmd, now_ms_);
    if (!d.accepted()) {
      const Problem& p = d.problems.front();
      throw std::runtime_error("synthetic district: command " + std::to_string(cmd.index()) + " refused: " + p.field + " " + p.message +
                               (p.args.empty() ? "" : " " + p.args.front()));
    }
    if (auto broken = ws_.commit(d.events)) throw std::runtime_error("synthetic district: commit refused: " + broken->message);
    for (const auto& e : d.events) {
      ++report_.events;
      report_.stored_bytes += e.bytes.size();
      if (sink_) sink_(e);
    }
    now_ms_ += 1000;  // a second later
    return RecordId{d.events.back().event.device, d.events.back().event.seq};
  }

  // How many of `total` fall in month i of n (spread evenly, the remainder in the first months).
  static std::uint32_t share(std::uint32_t total, std::int32_t i, std::int32_t n) {
    const auto ui = static_cast<std::uint32_t>(i), un = static_cast<std::uint32_t>(n);
    return total / un + (ui < total % un ? 1 : 0);
  }

  void month(std::int32_t y, std::int32_t m, std::int32_t i, std::int32_t n) {
    const std::int32_t last_day = Date{y, m, 1}.plus_months(1).plus_days(-1).day;
    // Every command of the month is recorded at the end of the month, 18:00 China time.
    now_ms_ = (Date{y, m, last_day}.days_since_1970() * 86400 + 10 * 3600) * 1000;
    auto day = [&] { return date_in_month(r_, y, m, last_day); };

    if (i == 0) setup_courses();
    for (std::uint32_t k = share(scale_.enterprises, i, n); k-- > 0;) register_enterprise();
    for (std::uint32_t k = share(scale_.workers, i, n); k-- > 0;) register_worker();
    if (i == 0) open_service_points(y, m);
    employment(day, share(scale_.workers * 7 / 10, i, n));
    training(day, share(scale_.completions, i, n));
    for (std::uint32_t k = share(scale_.health_checks, i, n); k-- > 0;) health_check(day());
    licences(y, m, last_day, share(scale_.workers / 5, i, n));
    complaints(day, share(scale_.complaints, i, n));
    contracts(day, share(std::max<std::uint32_t>(scale_.enterprises * 5, 10), i, n));
    credit(day, share(scale_.workers / 10, i, n));
    if (m == 12) year_end(y);
    if (m % 3 == 0) progress(y, m, last_day);
  }

  void setup_courses() {
    struct C {
      const char* name;
      CourseType type;
      TrainingProgramme prog;
    };
    const C courses[] = {{"家政服务员岗前培训", CourseType::PreJob, TrainingProgramme::SpringTide},
                         {"育婴员岗前培训", CourseType::PreJob, TrainingProgramme::WomenHousekeeping},
                         {"养老护理员岗前培训", CourseType::PreJob, TrainingProgramme::UnionSkills},
                         {"母婴护理岗前培训", CourseType::PreJob, TrainingProgramme::WomenHousekeeping},
                         {"保洁员岗前培训", CourseType::PreJob, TrainingProgramme::RainDew},
                         {"家政服务员回炉培训", CourseType::Refresher, TrainingProgramme::SpringTide},
                         {"养老护理回炉培训", CourseType::Refresher, TrainingProgramme::UnionSkills},
                         {"职业道德与服务规范", CourseType::Refresher, TrainingProgramme::None},
                         {"家庭烹饪技能提升", CourseType::SkillUpgrade, TrainingProgramme::SpringTide},
                         {"母婴护理技能提升（四级）", CourseType::SkillUpgrade, TrainingProgramme::WomenHousekeeping},
                         {"失能老人照护技能提升", CourseType::SkillUpgrade, TrainingProgramme::UnionSkills},
                         {"家居保洁与收纳", CourseType::SkillUpgrade, TrainingProgramme::RainDew},
                         {"家政职业经理人研修班", CourseType::Manager, TrainingProgramme::None}};
    for (const C& c : courses) {
      const RecordId id = submit(CreateCourse{c.name, c.type, c.prog, "开州职教中心", std::to_string(16 + 8 * r_.below(6)), r_.chance(850)});
      courses_.push_back({id, c.type});
    }
  }

  void register_enterprise() {
    RegisterEnterprise e;
    e.credit_code = credit_code(r_, codes_);
    const char* brand = kBrand[r_.below(kBrand.size())];  // drawn in order (the operands of + are not)
    e.name = std::string("重庆") + brand + kSuffix[r_.below(kSuffix.size())];
    if (r_.chance(300)) e.name = "开州区" + e.name.substr(std::string("重庆").size());
    e.name += "（" + std::to_string(enterprises_.size() + 1) + "）";
    e.legal_representative = person_name(r_);
    e.contact_mobile = mobile(r_);
    e.township = township(r_);
    e.address = "开州区" + std::string(kaizhou_townships().find(e.township)->name_zh) + std::to_string(1 + r_.below(300)) + "号";
    e.services = static_cast<std::uint16_t>(bit(ServiceKind::Housekeeping) | (r_.next() & 0xFE));
    const std::size_t n = enterprises_.size();
    if (n % 50 == 3) e.flags |= bit(EnterpriseFlag::Large);
    if (n == 7) e.flags |= bit(EnterpriseFlag::EducationIntegrated) | bit(EnterpriseFlag::TrainingSchool);
    if (n % 100 == 5) e.flags |= bit(EnterpriseFlag::Leading) | bit(EnterpriseFlag::Group);
    if (n % 200 == 9) e.flags |= bit(EnterpriseFlag::InternetPlatform);
    if (n == 11) e.flags |= bit(EnterpriseFlag::VocationalMajor);
    if (r_.chance(100)) e.flags |= bit(EnterpriseFlag::Brand);
    enterprises_.push_back(submit(e));
    employee_based_.push_back(r_.chance(400));
  }

  void register_worker() {
    RegisterWorker w;
    w.name = person_name(r_);
    w.resident_id = resident_id(r_, ids_);
    w.mobile = mobile(r_);
    w.township = township(r_);
    static constexpr Occupation kOcc[] = {Occupation::Housekeeper, Occupation::Housekeeper, Occupation::Housekeeper, Occupation::InfantCarer,
                                          Occupation::ElderlyCarer, Occupation::ElderlyCarer, Occupation::MaternalInfant, Occupation::Cleaner,
                                          Occupation::Cleaner, Occupation::Manager};
    w.occupation = kOcc[r_.below(10)];
    if (r_.chance(300)) {
      static constexpr SkillLevel kLevels[] = {SkillLevel::Level5, SkillLevel::Level4, SkillLevel::Level3, SkillLevel::Level2};
      w.skill = kLevels[r_.below(r_.chance(800) ? 2 : 4)];
      w.skill_certificate = "S" + std::to_string(5000000000ull + r_.below(1000000000));
    }
    if (r_.chance(150)) w.special_groups = static_cast<std::uint16_t>(1u << r_.below(8));
    if (r_.chance(5)) w.awards = static_cast<std::uint16_t>(1u << r_.below(8));
    w.union_member = r_.chance(200);
    w.own_insurance = r_.chance(500) ? SocialInsurance::UrbanRuralResident : SocialInsurance::None;
    if (r_.chance(300)) w.community = kCommunity[r_.below(kCommunity.size())];
    const RecordId id = submit(w);
    workers_.push_back({id, w.occupation});
    if (r_.chance(20)) {  // a few later corrections: a new phone number
      RegisterWorker edit = w;
      edit.mobile = mobile(r_);
      submit(EditWorker{id, edit});
    }
  }

  void employment(const std::function<std::string()>& day, std::uint32_t count) {
    for (std::uint32_t k = 0; k < count && !workers_.empty(); ++k) {
      const std::uint32_t wi = r_.below(static_cast<std::uint32_t>(workers_.size()));
      if (employed_.size() <= wi) employed_.resize(workers_.size());
      if (employed_[wi].seq) continue;  // already employed; counts stay approximate
      const std::uint32_t ei = r_.below(static_cast<std::uint32_t>(enterprises_.size()));
      const bool strict = employee_based_[ei];
      StartEmployment s;
      s.worker = workers_[wi].id;
      s.enterprise = enterprises_[ei];
      s.form = strict || r_.chance(600) ? (r_.chance(850) ? EmploymentForm::LabourContract : EmploymentForm::ServiceAgreement)
                                         : EmploymentForm::ServiceAgreement;
      s.hired = day();
      std::uint32_t wage = 1500 + 100 * r_.below(40);
      if (strict && wage < 1700) wage += 500;  // employee-based enterprises pay at least the minimum wage
      s.monthly_wage = std::to_string(wage) + ".00";
      s.insurance = strict || r_.chance(500) ? SocialInsurance::UrbanEmployee : SocialInsurance::None;
      s.paid_directly = strict || r_.chance(700);
      if (rehired_too_early(s)) continue;  // left this enterprise on or after that day: the spell would overlap
      employed_[wi] = submit(s);
      spells_.push_back({employed_[wi], wi, ei});
      if (r_.chance(100) && spells_.size() > 1) {  // someone leaves
        const std::uint32_t si = r_.below(static_cast<std::uint32_t>(spells_.size() - 1));
        if (!spells_[si].ended) {
          static constexpr EmploymentEnd kWhy[] = {EmploymentEnd::Resigned, EmploymentEnd::Resigned, EmploymentEnd::LaidOff, EmploymentEnd::ContractEnded};
          const Spell& sp = spells_[si];
          const Date hired = ws_.state().spells().find(ws_.state().key_of(sp.id))->hired;
          const Date left = std::max(hired, *Date::parse_iso(s.hired));
          submit(EndEmployment{sp.id, left.iso(), kWhy[r_.below(4)]});
          spells_[si].ended = true;
          employed_[sp.worker] = {};
        }
      }
    }
  }

  // Someone who left an enterprise can be hired there again only after the day they left.
  bool rehired_too_early(const StartEmployment& s) const {
    const State& st = ws_.state();
    const Key ent = st.key_of(s.enterprise);
    const Date hired = *Date::parse_iso(s.hired);
    for (const EmploymentSpell* sp : st.spells_of_worker(st.key_of(s.worker)))
      if (sp->enterprise == ent && st.spell_open_on(*sp, hired)) return true;
    return false;
  }

  void training(const std::function<std::string()>& day, std::uint32_t completions) {
    constexpr std::uint32_t kClassSize = 25;
    while (completions > 0 && !workers_.empty()) {
      const auto& course = courses_[r_.below(static_cast<std::uint32_t>(courses_.size()))];
      const std::string date = day();
      const RecordId session = submit(ScheduleSession{course.id, date, "开州职教中心实训楼" + std::to_string(1 + r_.below(6)) + "01室",
                                                      person_name(r_), township(r_)});
      const Key course_key = ws_.state().key_of(course.id);
      const std::uint32_t size = std::min(completions, kClassSize);
      const bool take_attendance = r_.chance(50);
      for (std::uint32_t k = 0; k < size; ++k) {
        // Recently registered workers are the likeliest trainees; someone who already did the
        // course gives their seat to another (a few tries, then the seat stays empty).
        const auto n = static_cast<std::uint32_t>(workers_.size());
        RecordId worker;
        for (int attempt = 0; attempt < 8 && worker.none(); ++attempt) {
          const std::uint32_t wi = r_.chance(600) ? n - 1 - r_.below(std::min(n, 3000u)) : r_.below(n);
          if (!ws_.state().first_completion(ws_.state().key_of(workers_[wi].id), course_key) && enrolled_.insert({wi, session.seq}).second)
            worker = workers_[wi].id;
        }
        if (worker.none()) {
          --completions;
          continue;
        }
        submit(Enrol{session, worker});
        if (take_attendance) submit(RecordAttendance{session, worker, date, true});
        const std::uint32_t score = r_.chance(930) ? 600 + r_.below(401) : 300 + r_.below(300);
        const std::string text = std::to_string(score / 10) + "." + std::to_string(score % 10);
        submit(RecordCompletion{session, worker, date, text, score >= 600 ? "JZ" + std::to_string(2020000000ull + ++certificates_) : ""});
        --completions;
      }
    }
  }

  void health_check(const std::string& date) {
    const std::uint32_t wi = r_.below(static_cast<std::uint32_t>(workers_.size()));
    RecordHealthCheck h;
    h.worker = workers_[wi].id;
    h.date = date;
    h.institution = kInstitution[r_.below(kInstitution.size())];
    h.category = r_.chance(50) ? HealthCategory::General : required_health_category(workers_[wi].occupation);
    h.items = static_cast<std::uint16_t>(bit(HealthItem::General) | bit(HealthItem::ChestXray) | bit(HealthItem::LiverFunction) |
                                         (h.category >= HealthCategory::ElderlyCare ? bit(HealthItem::HepatitisMarkers) | bit(HealthItem::Syphilis) : 0));
    h.fit = r_.chance(985);
    submit(h);
  }

  void licences(std::int32_t y, std::int32_t m, std::int32_t last_day, std::uint32_t count) {
    const Date today{y, m, last_day};
    for (std::uint32_t k = 0; k < count * 3 && count > 0 && !workers_.empty(); ++k) {
      const RecordId worker = workers_[r_.below(static_cast<std::uint32_t>(workers_.size()))].id;
      const Key key = ws_.state().key_of(worker);
      if (ws_.state().identity_checks_of(key).empty() && r_.chance(600)) submit(VerifyIdentity{worker, today.iso(), IdentityMethod::CardInspected});
      if (licence_eligibility(ws_.state(), key, today, ws_.config()).held()) {
        const ServiceLicence* held = ws_.state().licence_of(key);
        if (!held || held->expires < today.plus_days(30)) submit(IssueLicence{worker, today.iso()});
        if (--count == 0) break;
      }
    }
  }

  void complaints(const std::function<std::string()>& day, std::uint32_t count) {
    static constexpr const char* kFacts[] = {"服务人员未按约定时间上门", "保洁不彻底，要求返工未处理", "育婴员资质与宣传不符",
                                             "服务费用结算有争议", "服务人员态度恶劣", "损坏家中物品未赔偿"};
    for (std::uint32_t k = 0; k < count; ++k) {
      FileComplaint f;
      f.channel = static_cast<ComplaintChannel>(1 + r_.below(4));
      f.received = day();
      f.complainant = person_name(r_);
      f.complainant_mobile = mobile(r_);
      f.enterprise = enterprises_[r_.below(static_cast<std::uint32_t>(enterprises_.size()))];
      if (r_.chance(600)) f.worker = workers_[r_.below(static_cast<std::uint32_t>(workers_.size()))].id;
      f.township = township(r_);
      f.facts = kFacts[r_.below(6)];
      const RecordId c = submit(f);
      if (r_.chance(500)) submit(RecordMediationStep{c, f.received, static_cast<Mediator>(1 + r_.below(3)), "组织双方调解"});
      if (r_.chance(800)) {
        static constexpr ComplaintOutcome kOut[] = {ComplaintOutcome::Upheld, ComplaintOutcome::PartlyUpheld, ComplaintOutcome::NotUpheld,
                                                    ComplaintOutcome::Settled, ComplaintOutcome::Settled, ComplaintOutcome::Withdrawn};
        submit(CloseComplaint{c, f.received, kOut[r_.below(6)], "已办结"});
      }
    }
  }

  void contracts(const std::function<std::string()>& day, std::uint32_t count) {
    for (std::uint32_t k = 0; k < count && !spells_.empty(); ++k) {
      const Spell& sp = spells_[r_.below(static_cast<std::uint32_t>(spells_.size()))];
      if (sp.ended) continue;
      const Date hired = ws_.state().spells().find(ws_.state().key_of(sp.id))->hired;
      const Date signed_on = std::max(hired, *Date::parse_iso(day()));
      RegisterContract c;
      c.enterprise = enterprises_[sp.enterprise];
      c.worker = workers_[sp.worker].id;
      c.consumer_name = person_name(r_);
      c.consumer_mobile = mobile(r_);
      c.township = township(r_);
      c.model_text = ws_.config().model_texts.front();
      c.signed_on = signed_on.iso();
      c.starts = signed_on.iso();
      c.ends = signed_on.plus_months(12).iso();
      c.rest_days_per_month = std::to_string(2 + r_.below(3));
      c.rest = RestArrangement::WeeklyFixed;
      c.monthly_fee = std::to_string(3000 + 100 * r_.below(50)) + ".00";
      submit(c);
    }
  }

  void credit(const std::function<std::string()>& day, std::uint32_t count) {
    for (std::uint32_t k = 0; k < count; ++k) {
      RecordCreditEvent c;
      const bool enterprise = r_.chance(300);
      c.subject = enterprise ? enterprises_[r_.below(static_cast<std::uint32_t>(enterprises_.size()))]
                             : workers_[r_.below(static_cast<std::uint32_t>(workers_.size()))].id;
      c.date = day();
      const std::uint32_t roll = r_.below(1000);
      if (roll < 800) c.kind = CreditKind::Evaluation, c.level = static_cast<std::uint8_t>(r_.chance(150) ? 1 + r_.below(2) : 4 + r_.below(2));
      else if (roll < 920) c.kind = CreditKind::BackgroundVerified, c.level = 0;
      else if (roll < 970) c.kind = CreditKind::Violation, c.level = static_cast<std::uint8_t>(r_.chance(50) ? 3 : 1 + r_.below(2)), c.note = "违规收取押金";
      else c.kind = CreditKind::Commendation, c.level = static_cast<std::uint8_t>(1 + r_.below(3)), c.note = "巴渝大姐家政人才";
      submit(c);
    }
  }

  void open_service_points(std::int32_t y, std::int32_t m) {
    // Measure 10 / phase one: two communities each in 汉丰, 文峰 and 云枫, then more across the district.
    const std::uint32_t centre[] = {500154001, 500154002, 500154003};
    const auto points = std::max<std::uint32_t>(6, scale_.enterprises / 20);
    for (std::uint32_t k = 0; k < points; ++k) {
      OpenServicePoint p;
      p.township = k < 6 ? centre[k / 2] : township(r_);
      p.community = kCommunity[k % kCommunity.size()] + std::string(k < kCommunity.size() ? "" : std::to_string(k));
      p.operator_enterprise = enterprises_[r_.below(static_cast<std::uint32_t>(enterprises_.size()))];
      p.services = static_cast<std::uint16_t>(bit(ServiceKind::Housekeeping) | bit(ServiceKind::Childcare) | bit(ServiceKind::ElderlyCare));
      p.opened = Date{y, m, 15}.iso();
      p.unified_signage = true;
      submit(p);
    }
  }

  void year_end(std::int32_t y) {
    for (std::size_t i = 0; i < enterprises_.size(); ++i) {
      const std::uint64_t base = 200000 + r_.below(3000000);
      const std::uint64_t growth = 100 + r_.below(30);  // 0–29 % a year
      std::uint64_t amount = base;
      for (std::int32_t k = 2020; k < y; ++k) amount = amount * growth / 100;
      if (i % 200 == 9) amount = 15000000 + 4000000 * static_cast<std::uint64_t>(y - 2020);  // the internet leader
      submit(ReportRevenue{enterprises_[i], std::to_string(y), std::to_string(amount) + ".00"});
      RecordAssessment a;
      a.enterprise = enterprises_[i];
      a.date = Date{y, 12, 20}.iso();
      a.assessor = "区商务委";
      for (const auto& ind : ws_.config().indicators)
        a.scores.push_back({ind.number, std::to_string(ind.max_points / 2 + r_.below(ind.max_points / 2 + 1u))});
      submit(a);
    }
  }

  void progress(std::int32_t y, std::int32_t m, std::int32_t last_day) {
    for (const Measure& ms : MeasureRegistry::builtin().measures()) {
      if (!r_.chance(600)) continue;
      const auto status = y == 2022 && m == 12 ? MeasureStatus::Done : static_cast<MeasureStatus>(1 + r_.below(2));
      submit(ReportProgress{ms.number, ms.lead, Date{y, m, last_day}.iso(), status, "按计划推进"});
    }
  }

  struct CourseRef {
    RecordId id;
    CourseType type;
  };
  struct WorkerRef {
    RecordId id;
    Occupation occupation;
  };
  struct Spell {
    RecordId id;
    std::uint32_t worker, enterprise;
    bool ended = false;
  };
  struct PairHash {
    std::size_t operator()(const std::pair<std::uint32_t, std::uint64_t>& p) const { return std::hash<std::uint64_t>()(p.second * 1000003u ^ p.first); }
  };

  Workspace& ws_;
  SplitMix r_;
  DistrictScale scale_;
  const std::function<void(const SealedEvent&)>& sink_;
  GenerationReport report_;
  std::int64_t now_ms_ = 0;
  std::unordered_set<std::string> ids_, codes_;
  std::vector<CourseRef> courses_;
  std::vector<RecordId> enterprises_;
  std::vector<bool> employee_based_;
  std::vector<WorkerRef> workers_;
  std::vector<RecordId> employed_;
  std::vector<Spell> spells_;
  std::unordered_set<std::pair<std::uint32_t, std::uint64_t>, PairHash> enrolled_;
  std::uint64_t certificates_ = 0;
};

}  // namespace

DistrictScale DistrictScale::divided_by(std::uint32_t d) {
  const DistrictScale full;
  auto part = [&](std::uint32_t v, std::uint32_t at_least) { return std::max(at_least, v / std::max(1u, d)); };
  return {part(full.enterprises, 10), part(full.workers, 100), part(full.completions, 200), part(full.health_checks, 60),
          part(full.complaints, 20)};
}

GenerationReport generate_district(Workspace& ws, std::uint64_t seed, const DistrictScale& scale,
                                   const std::function<void(const SealedEvent&)>& sink) {
  return Generator(ws, seed, scale, sink).run();
}

}  // namespace hearth
