# cmake -DIN=imgui_draw.cpp -DOUT=… -P ImGuiCjkWrap.cmake
# Dear ImGui wraps text only at spaces and a few punctuation marks; Chinese has no spaces, so a
# long Chinese sentence wrapped as one "word" and left half a line empty. This writes a copy of
# imgui_draw.cpp whose word wrap may also break next to any CJK character — never before closing
# punctuation (，。、） …) nor after opening punctuation (（“「 …), as Chinese typesetting wants.
# The upstream source is not changed; a new ImGui version without the expected line fails here.
file(READ "${IN}" text)
set(anchor "            inside_word = (c != '.' && c != ',' && c != ';' && c != '!' && c != '?' && c != '\\\"' && c != 0x3001 && c != 0x3002);")
string(FIND "${text}" "${anchor}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "ImGuiCjkWrap: the word-wrap line was not found in ${IN}; update cmake/ImGuiCjkWrap.cmake for this ImGui version")
endif()
string(REPLACE "${anchor}"
  "            inside_word = (c != '.' && c != ',' && c != ';' && c != '!' && c != '?' && c != '\\\"' && c != 0x3001 && c != 0x3002) && !hearth_cjk_break_after(c, next_s, text_end);\n            if (!inside_word) word_end = next_s; // a break may follow this character: the line may end here"
  text "${text}")
set(helpers [=[
// ---- Hearth: line breaks in Chinese text (cmake/ImGuiCjkWrap.cmake) ----
static bool hearth_is_cjk(unsigned int c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x3000 && c <= 0x303F);
}
static bool hearth_no_break_before(unsigned int c)
{
    switch (c) { case 0x3001: case 0x3002: case 0xFF0C: case 0xFF1A: case 0xFF1B: case 0xFF1F: case 0xFF01: case 0xFF09: case 0x300D:
                 case 0x300F: case 0x3011: case 0x300B: case 0x201D: case 0x2019: case 0x2026: case 0xFF05: case ')': case ',': case '.': return true; }
    return false;
}
static bool hearth_no_break_after(unsigned int c)
{
    switch (c) { case 0xFF08: case 0x300C: case 0x300E: case 0x3010: case 0x300A: case 0x201C: case 0x2018: case '(': return true; }
    return false;
}
static bool hearth_cjk_break_after(unsigned int c, const char* next, const char* end)
{
    if (next >= end || hearth_no_break_after(c))
        return false;
    unsigned int n = (unsigned char)*next;
    if (n >= 0x80)
        ImTextCharFromUtf8(&n, next, end);
    if (hearth_no_break_before(n))
        return false;
    return hearth_is_cjk(c) || hearth_is_cjk(n);
}

const char* ImFont::CalcWordWrapPosition(]=])
string(REPLACE "const char* ImFont::CalcWordWrapPosition(" "${helpers}" text "${text}")
set(old "")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
