// Load reports in words: one sentence per damaged stored record, saying what it recorded.
// Shared by the browser's status area and the command-line tool's `verify`.
#pragma once
#include <string>

#include "catalog.hpp"
#include "workspace.hpp"

namespace hearth {

// "第 2 条记录（从业人员登记：周九）内容与哈希链不符，未载入" / "Record 2 (worker registered: 周九) …"
std::string describe_damage(const Damage& d, const Catalog& catalog);

}  // namespace hearth
