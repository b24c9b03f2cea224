/* Broken XML and misspelt names, told to a drafter. libxml2's messages are
 * English written for programmers ("AttValue: \" or ' expected"); a
 * drafter who pasted from Word needs to hear that the quotes are curly and
 * what to type instead. Only libxml2's error code and the names it gives
 * are used; its wording never reaches a Vietnamese report. */
#include "syntax.h"

#include <libxml/xmlerror.h>
#include <stdio.h>
#include <string.h>

/* Both wordings at once, with the same arguments in the same order. */
#define SAY(mp, EN, VI, ...)                                                   \
    do {                                                                       \
        snprintf((mp)->en, sizeof(mp)->en, EN, __VA_ARGS__);                   \
        snprintf((mp)->vi, sizeof(mp)->vi, VI, __VA_ARGS__);                   \
    } while (0)

/* The length of the typographic quote at p (“ ” ‘ ’ „ ″ « »), or 0. */
static size_t curly_quote(const char *p, size_t left)
{
    const unsigned char *u = (const unsigned char *)p;

    if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
        (u[2] == 0x9C || u[2] == 0x9D || u[2] == 0x98 || u[2] == 0x99 ||
         u[2] == 0x9E || u[2] == 0xB3))
        return 3;
    if (left >= 2 && u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB))
        return 2;
    return 0;
}

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
           c == ':';
}

static int blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The attribute name before the '=' that precedes off, into buf. */
static int attr_before(const char *data, size_t off, char *buf, size_t len)
{
    size_t end, start;

    while (off > 0 && blank(data[off - 1]))
        off--;
    if (off == 0 || data[off - 1] != '=')
        return 0;
    off--;
    while (off > 0 && blank(data[off - 1]))
        off--;
    end = off;
    while (off > 0 && name_char(data[off - 1]))
        off--;
    start = off;
    if (end == start || end - start >= len)
        return 0;
    memcpy(buf, data + start, end - start);
    buf[end - start] = '\0';
    return 1;
}

/* The value that follows off up to a quote of any kind, a '>', a line end
 * or a blank (when unquoted), whole characters only, into buf. */
static void value_at(const char *data, size_t len, size_t off, int quoted,
                     char *buf, size_t buflen)
{
    size_t i = off, n;

    while (i < len && data[i] != '"' && data[i] != '\'' && data[i] != '>' &&
           data[i] != '\n' && data[i] != '<' &&
           curly_quote(data + i, len - i) == 0 &&
           !(quoted == 0 && (blank(data[i]) || (data[i] == '/' && i + 1 < len &&
                                                data[i + 1] == '>'))))
        i++;
    n = i - off;
    if (n >= buflen) {
        n = buflen - 1;
        while (n > 0 && ((unsigned char)data[off + n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(buf, data + off, n);
    buf[n] = '\0';
}

/* The offset of the nearest `back` at or before off, looking at most lim
 * bytes back, or off itself. */
static size_t find_back(const char *data, size_t len, size_t off,
                        const char *back, size_t lim)
{
    size_t bl = strlen(back);

    for (size_t n = 0; n <= lim && n <= off; n++) {
        size_t i = off - n;
        if (i + bl <= len && memcmp(data + i, back, bl) == 0)
            return i;
    }
    return off;
}

int pk_xml_fault_words(const pk_xml_fault *f, const char *data, size_t len,
                       const char *root, size_t *at, pk_msgpair *out)
{
    size_t off = f->off < len ? f->off : len;
    char name[64], value[96];

    switch (f->code) {
    case XML_ERR_ATTRIBUTE_NOT_STARTED: {
        size_t q = curly_quote(data + off, len - off);
        if (!attr_before(data, off, name, sizeof name))
            break;
        *at = off;
        if (q > 0) {
            value_at(data, len, off + q, 1, value, sizeof value);
            SAY(out,
                "the value of %s is in curly quotes (“ ”), as Word's "
                "AutoCorrect types them; XML needs straight quotes: write "
                "%s=\"%s\"",
                "giá trị của thuộc tính %s nằm trong dấu ngoặc kép cong "
                "(“ ”) do Word tự động sửa; XML cần dấu ngoặc kép thẳng: "
                "ghi %s=\"%s\"",
                name, name, value);
            return 1;
        }
        value_at(data, len, off, 0, value, sizeof value);
        if (value[0] == '\0')
            SAY(out, "the attribute %s has no value: write %s=\"…\"%s",
                "thuộc tính %s chưa có giá trị: ghi %s=\"…\"%s", name, name,
                "");
        else
            SAY(out, "the value of %s has no quotes: write %s=\"%s\"",
                "giá trị của thuộc tính %s thiếu dấu ngoặc kép: ghi "
                "%s=\"%s\"",
                name, name, value);
        return 1;
    }
    case XML_ERR_NAME_REQUIRED:
        if (off > 0 && data[off - 1] == '&') {
            *at = off - 1;
            goto ampersand;
        }
        if (off > 0 && data[off - 1] == '<') {
            *at = off - 1;
            SAY(out,
                "a \"<\" that starts no tag: XML writes the sign < as "
                "&lt;%s",
                "dấu \"<\" không mở thẻ nào: trong XML dấu < phải ghi là "
                "&lt;%s",
                "");
            return 1;
        }
        break;
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
        *at = find_back(data, len, off, "&", 64);
        goto ampersand;
    case XML_ERR_UNDECLARED_ENTITY:
        *at = find_back(data, len, off, "&", 160);
        SAY(out,
            "unknown entity \"&%.60s;\": XML knows only &amp; &lt; &gt; "
            "&quot; &apos;; for the sign & write &amp;",
            "thực thể \"&%.60s;\" không tồn tại: XML chỉ có &amp; &lt; "
            "&gt; &quot; &apos;; dấu & phải ghi là &amp;",
            f->str1);
        return 1;
    case XML_ERR_TAG_NAME_MISMATCH:
        *at = find_back(data, len, off, "</", 256);
        if (f->ancestor)
            SAY(out,
                "<%.60s> (line %d) is never closed: write </%.60s> "
                "before </%.60s>",
                "thẻ <%.60s> (dòng %d) chưa được đóng: ghi </%.60s> trước "
                "</%.60s>",
                f->str1, f->int1, f->str1, f->str2);
        else if (f->known2 && !f->known1)
            SAY(out,
                "the closing tag </%.60s> does not match the opening tag "
                "<%.60s> on line %d: write <%.60s> there, the format's name",
                "thẻ đóng </%.60s> không khớp với thẻ mở <%.60s> ở dòng %d: "
                "sửa thẻ mở thành <%.60s>, tên trong định dạng hồ sơ",
                f->str2, f->str1, f->int1, f->str2);
        else
            SAY(out,
                "the closing tag </%.60s> does not match the opening tag "
                "<%.60s> on line %d: write </%.60s>",
                "thẻ đóng </%.60s> không khớp với thẻ mở <%.60s> ở dòng %d: "
                "ghi </%.60s>",
                f->str2, f->str1, f->int1, f->str1);
        return 1;
    case XML_ERR_TAG_NOT_FINISHED:
        SAY(out,
            "<%.60s> (line %d) is never closed: the file ends before its "
            "</%.60s>; add </%.60s>",
            "thẻ <%.60s> (dòng %d) chưa được đóng: tệp kết thúc mà chưa có "
            "</%.60s>; hãy thêm </%.60s>",
            f->str1, f->int1, f->str1, f->str1);
        return 0;
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_EXTRA_CONTENT:
        SAY(out,
            "text after the end of the dossier (after </%s>): delete it, or "
            "move it inside <%s>",
            "có nội dung sau thẻ đóng </%s> của hồ sơ: hãy xóa, hoặc đưa vào "
            "trong <%s>",
            root, root);
        return 0;
    case XML_ERR_DOCUMENT_EMPTY:
        SAY(out, "the file holds no element: a dossier starts with <%s …>",
            "tệp không có phần tử nào: hồ sơ bắt đầu bằng <%s …>", root);
        return 0;
    case XML_ERR_LT_IN_ATTRIBUTE:
        SAY(out,
            "a \"<\" inside an attribute value: its closing quote is "
            "probably missing; end the value with \" (a < in a value is "
            "written &lt;)%s",
            "có dấu \"<\" trong giá trị thuộc tính: có lẽ thiếu dấu ngoặc "
            "kép đóng; kết thúc giá trị bằng \" (dấu < trong giá trị ghi "
            "là &lt;)%s",
            "");
        return 0;
    case XML_ERR_ATTRIBUTE_REDEFINED:
        SAY(out, "the attribute %.60s is given twice in one tag: keep one",
            "thuộc tính %.60s xuất hiện hai lần trong cùng một thẻ: chỉ giữ "
            "một",
            f->str1);
        return 0;
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_SPACE_REQUIRED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
        SAY(out, "attributes are written name=\"value\", separated by spaces%s",
            "thuộc tính ghi theo dạng tên=\"giá trị\", cách nhau bằng dấu "
            "cách%s",
            "");
        return 0;
    case XML_ERR_GT_REQUIRED:
        if (f->str1[0] != '\0')
            SAY(out, "the tag <%.60s> (line %d) is not closed with \">\"",
                "thẻ <%.60s> (dòng %d) thiếu dấu \">\" để đóng", f->str1,
                f->int1);
        else
            SAY(out, "a tag is not closed with \">\"%s",
                "thẻ thiếu dấu \">\" để đóng%s", "");
        return 0;
    case XML_ERR_RESERVED_XML_NAME:
        SAY(out,
            "the declaration <?xml …?> must come first in the file, with "
            "nothing before it, not even a blank line%s",
            "khai báo <?xml …?> phải đứng đầu tệp, không có gì phía trước, "
            "kể cả dòng trống%s",
            "");
        return 0;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_CHARREF:
    case XML_ERR_INVALID_DEC_CHARREF:
    case XML_ERR_INVALID_HEX_CHARREF:
        SAY(out,
            "a character XML does not allow (a control character): delete "
            "it%s",
            "ký tự mà XML không cho phép (ký tự điều khiển): hãy xóa%s", "");
        return 0;
    default:
        break;
    }
    SAY(out,
        "the XML is broken here: check the <, >, quotes and & near this "
        "place (XML error %d)",
        "XML sai cú pháp tại đây: hãy kiểm tra các dấu <, >, dấu ngoặc kép "
        "và dấu & quanh vị trí này (lỗi XML số %d)",
        f->code);
    return 0;
ampersand:
    SAY(out,
        "a bare \"&\": XML writes the sign & as &amp; (e.g. \"A &amp; "
        "B\")%s",
        "dấu \"&\" đứng riêng: trong XML dấu & phải ghi là &amp; (ví dụ "
        "\"A &amp; B\")%s",
        "");
    return 1;
}

/* ---- did you mean ---- */

#define PK_SUGGEST_MAX 64

/* Lower case, '_' as '-': the slips that change nothing for a reader. */
static size_t fold(const char *s, char *out)
{
    size_t n = 0;

    for (; *s != '\0'; s++) {
        char c = *s;
        if (n == PK_SUGGEST_MAX)
            return PK_SUGGEST_MAX + 1;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        else if (c == '_')
            c = '-';
        out[n++] = c;
    }
    return n;
}

/* Damerau-Levenshtein distance (optimal string alignment): insertions,
 * deletions, substitutions and swaps of neighbours. */
static size_t osa(const char *a, size_t la, const char *b, size_t lb)
{
    /* distances never exceed PK_SUGGEST_MAX: a byte each */
    unsigned char d[PK_SUGGEST_MAX + 1][PK_SUGGEST_MAX + 1];

    for (size_t i = 0; i <= la; i++)
        d[i][0] = (unsigned char)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (unsigned char)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t v = (size_t)d[i - 1][j] + 1;
            if ((size_t)d[i][j - 1] + 1 < v)
                v = (size_t)d[i][j - 1] + 1;
            if ((size_t)d[i - 1][j - 1] + cost < v)
                v = (size_t)d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && (size_t)d[i - 2][j - 2] + 1 < v)
                v = (size_t)d[i - 2][j - 2] + 1;
            d[i][j] = (unsigned char)v;
        }
    return d[la][lb];
}

const char *pk_suggest_name(const char *name,
                            const char *(*cand)(void *ud, size_t i), void *ud,
                            size_t n)
{
    char a[PK_SUGGEST_MAX], b[PK_SUGGEST_MAX];
    size_t la = fold(name, a), best_d = (size_t)-1;
    const char *best = NULL;

    if (la > PK_SUGGEST_MAX || la == 0)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const char *c = cand(ud, i);
        size_t lb = c != NULL ? fold(c, b) : PK_SUGGEST_MAX + 1, d, limit;
        if (lb > PK_SUGGEST_MAX)
            continue;
        d = osa(a, la, b, lb);
        limit = (la < lb ? la : lb) <= 4 ? 1 : 2;
        if (d <= limit && d < best_d) {
            best = c;
            best_d = d;
        }
    }
    return best;
}
