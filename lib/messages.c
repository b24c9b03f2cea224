/* The registry of messages (messages.def) and their rendering. */
#include "messages.h"

#include <stdlib.h>
#include <string.h>

typedef struct msg {
    unsigned id;
    const char *text[2]; /* vi, en */
} msg;

static const msg registry[] = {
#define PK_MSG(n, name, en, vi) {n, {vi, en}},
#include "messages.def"
#undef PK_MSG
};

static const msg *find(unsigned id)
{
    /* the registry is in order of number, with gaps only where a message
     * went: id is at most at index id - 1 */
    size_t n = sizeof registry / sizeof registry[0];
    size_t i = id - 1 < n ? id - 1 : n - 1;

    for (;; i--) {
        if (registry[i].id == id)
            return &registry[i];
        if (registry[i].id < id || i == 0)
            return NULL;
    }
}

/* The k-th (1-based) of nargs packed arguments, or "". */
static const char *arg(const char *args, size_t nargs, unsigned long k)
{
    if (args == NULL || k == 0 || k > nargs)
        return "";
    for (unsigned long i = 1; i < k; i++)
        args += strlen(args) + 1;
    return args;
}

static void put(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
    if (*len + 1 < size) {
        size_t room = size - 1 - *len;
        memcpy(buf + *len, s, n < room ? n : room);
    }
    *len += n;
}

size_t pk_msg_render(unsigned id, int lang, const char *args, size_t nargs,
                     char *buf, size_t size)
{
    const msg *m = id != 0 ? find(id) : NULL;
    const char *t = m != NULL ? m->text[lang == 0 ? 0 : 1] : "";
    size_t len = 0;

    while (*t != '\0') {
        const char *open = strchr(t, '{');
        char *end;
        unsigned long k, max = (unsigned long)-1;
        const char *a;
        size_t n;

        if (open == NULL) {
            put(buf, size, &len, t, strlen(t));
            break;
        }
        put(buf, size, &len, t, (size_t)(open - t));
        k = strtoul(open + 1, &end, 10);
        if (*end == '.')
            max = strtoul(end + 1, &end, 10);
        if (end == open + 1 || *end != '}') { /* a brace of the text */
            put(buf, size, &len, "{", 1);
            t = open + 1;
            continue;
        }
        a = arg(args, nargs, k);
        n = strlen(a);
        put(buf, size, &len, a, n < max ? n : (size_t)max);
        t = end + 1;
    }
    if (size > 0)
        buf[len < size ? len : size - 1] = '\0';
    return len;
}
