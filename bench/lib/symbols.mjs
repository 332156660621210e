// C++ function names as profiles print them, made short enough to read in a table.

// "hearth::Workspace::load(std::vector<…>, …)::{lambda()#3}::operator()+0x4c" →
// "hearth::Workspace::load::{lambda#3}::operator()": no parameters, no template arguments.
export function shortName(sym) {
  let s = sym.replace(/\+0x[0-9a-f]+$/, '').replace(/\(anonymous namespace\)/g, '{anon}').replace(/ const\b/g, '')
    .replace(/operator\(\)/g, 'operator\u0001');
  const drop = (open, close) => {
    let out = '', depth = 0;
    for (const c of s) { if (c === open) depth++; if (depth === 0) out += c; if (c === close && depth > 0) depth--; }
    s = out;
  };
  drop('<', '>');
  drop('(', ')');
  return s.replace(/operator\u0001/g, 'operator()').replace(/std::__cxx11::/g, 'std::').trim() || sym;
}
