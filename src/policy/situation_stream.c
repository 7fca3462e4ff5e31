/*
 * situation_stream.c - the calc input document read as a stream: the top
 * level value by value, the people array one person at a time (each person's
 * tree freed before the next), the records themselves converted by
 * situation_json.c.
 */
#include "policy/situation_private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the top level of the document has shown so far. */
typedef struct top_level {
    json_node_arena arena;   /* the top-level values */
    json_node_arena person;  /* one person, reset before the next */
    json_node *root;         /* every top-level value but an array of people */
    int people_seen;         /* "people" given as an array */
    json_stream_mark people; /* where that array starts */
    int people_read;         /* its people are in the population */
    int head_done;           /* situation_read_head() has run */
    int parameters_done;     /* the parameters are parsed */
} top_level;

/*
 * The people array that comes next, one person at a time: each is parsed
 * into the population when keep is set (else only checked as JSON) and its
 * tree freed before the next, so memory holds the population, not the file.
 */
static int read_people(situation_context *ctx, json_stream *stream, json_node_arena *arena,
                       int keep)
{
    bf_error *err = ctx->err;
    int c = json_stream_peek(stream, err); /* [, also after a seek back to it */
    if (c < 0)
        return c;
    json_stream_skip(stream);
    c = json_stream_peek(stream, err);
    if (c < 0)
        return c;
    if (c == ']') {
        json_stream_skip(stream);
        return BF_OK;
    }
    for (size_t i = 0;; i++) {
        json_node *person = NULL;
        json_node_arena_reset(arena);
        int rc = json_stream_value(stream, arena, &person, err);
        /* what follows first: a syntax error right after a person wins, as it did in the whole
         * document */
        if (rc == BF_OK) {
            c = json_stream_peek(stream, err);
            if (c < 0)
                rc = c;
            else if (c != ',' && c != ']')
                rc = json_stream_syntax_error(stream, "[0 ", err);
        }
        if (rc == BF_OK && keep)
            rc = situation_read_person(ctx, person, i);
        if (rc != BF_OK)
            return rc;
        json_stream_skip(stream);
        if (c == ']')
            return BF_OK;
    }
}

/*
 * The "people" key's array: read at once when the period and the orgs its
 * people refer to came before it (as bench/situation_gen.py writes them),
 * else only checked now and read after the top level ends.
 */
static int top_level_people(situation_context *ctx, json_stream *stream, top_level *top)
{
    top->people_seen = 1;
    top->people = json_stream_tell(stream);
    int now =
        json_node_get(top->root, "period") != NULL && json_node_get(top->root, "orgs") != NULL;
    int rc = BF_OK;
    if (now) {
        top->head_done = 1;
        rc = situation_read_head(ctx, top->root, &top->parameters_done);
    }
    if (rc == BF_OK)
        rc = read_people(ctx, stream, &top->person, now);
    top->people_read = now;
    return rc;
}

/* jansson's message for key given twice at the top level, the stream back at its second place. */
static int duplicate_key(json_stream *stream, const json_stream_mark *at, const char *key,
                         bf_error *err)
{
    json_t *string = json_string(key);
    char *dumped = string != NULL ? json_dumps(string, JSON_ENCODE_ANY) : NULL;
    char prefix[SITUATION_PATH_MAX];
    snprintf(prefix, sizeof prefix, "{%s:0,", dumped != NULL ? dumped : "\"\"");
    free(dumped);
    json_decref(string);
    int rc = json_stream_seek(stream, at, err);
    return rc == BF_OK ? json_stream_syntax_error(stream, prefix, err) : rc;
}

/* One key of the top-level object and its value; first is set for the first key. */
static int top_level_member(situation_context *ctx, json_stream *stream, top_level *top, int first)
{
    bf_error *err = ctx->err;
    const char *key_context = first ? "{" : "{\"\":0,";
    int c = json_stream_peek(stream, err);
    if (c < 0)
        return c;
    if (c != '"')
        return json_stream_syntax_error(stream, key_context, err);
    json_stream_mark at = json_stream_tell(stream);
    json_node *key_value = NULL, *value = NULL;
    int rc = json_stream_value(stream, &top->arena, &key_value, err);
    if (rc == BF_EPARSE) /* jansson words a bad key (a NUL in it) unlike a bad value */
        return json_stream_syntax_error(stream, key_context, err);
    if (rc != BF_OK)
        return rc;
    const char *key = key_value->value.string;
    int people = strcmp(key, "people") == 0;
    if (json_node_get(top->root, key) != NULL || (people && top->people_seen))
        return duplicate_key(stream, &at, key, err);
    c = json_stream_peek(stream, err);
    if (c != ':')
        return c < 0 ? c : json_stream_syntax_error(stream, "{\"\" ", err);
    json_stream_skip(stream);
    c = json_stream_peek(stream, err);
    if (c < 0)
        return c;
    if (people && c == '[')
        return top_level_people(ctx, stream, top);
    rc = json_stream_value(stream, &top->arena, &value, err);
    if (rc == BF_OK && json_node_append(&top->arena, top->root, key, value) != 0)
        rc = bf_error_set(err, BF_ENOMEM, NULL);
    return rc;
}

/* The top-level object, its '{' consumed, through the end of the input. */
static int read_top_level(situation_context *ctx, json_stream *stream, top_level *top)
{
    bf_error *err = ctx->err;
    int rc = BF_OK;
    int c = json_stream_peek(stream, err);
    if (c == '}')
        json_stream_skip(stream);
    for (int first = 1; c != '}'; first = 0) {
        rc = top_level_member(ctx, stream, top, first);
        if (rc != BF_OK)
            return rc;
        c = json_stream_peek(stream, err);
        if (c == ',' || c == '}')
            json_stream_skip(stream);
        else if (c >= 0)
            return json_stream_syntax_error(stream, "{\"\":0 ", err);
        else
            return c;
    }
    c = json_stream_peek(stream, err);
    if (c < 0)
        return c;
    if (c != JSON_STREAM_END)
        return json_stream_syntax_error(stream, "{} ", err);
    if (!top->head_done) {
        top->head_done = 1;
        rc = situation_read_head(ctx, top->root, &top->parameters_done);
    } else {
        rc = situation_read_tail(ctx, top->root,
                                 top->parameters_done); /* what came after the people */
    }
    if (rc == BF_OK && top->people_seen && !top->people_read) {
        rc = json_stream_seek(stream, &top->people, err);
        if (rc == BF_OK)
            rc = read_people(ctx, stream, &top->person, 1);
    }
    return rc;
}

/* A document that does not start with '{': jansson's error, or "should be an object". */
static int read_not_object(json_stream *stream, int c, bf_error *err)
{
    if (c != '[')
        return json_stream_syntax_error(stream, "", err);
    json_node_arena arena = {0};
    json_node *value = NULL;
    int rc = json_stream_value(stream, &arena, &value, err);
    json_node_arena_free(&arena);
    if (rc != BF_OK)
        return rc;
    c = json_stream_peek(stream, err);
    if (c < 0)
        return c;
    if (c != JSON_STREAM_END)
        return json_stream_syntax_error(stream, "[] ", err);
    return bf_error_set(err, BF_EINVAL, "$: %s", BF_TR("应为对象", "should be an object"));
}

int situation_parse_stream(json_stream *stream, situation **out, bf_error *err)
{
    situation *s = NULL;
    situation_context ctx = {.err = err};
    top_level top = {0};
    int rc = json_stream_peek(stream, err);
    if (rc < 0)
        goto out;
    if (rc != '{') {
        rc = read_not_object(stream, rc, err);
        goto out;
    }
    json_stream_skip(stream);
    s = calloc(1, sizeof *s);
    top.root = json_node_new_object(&top.arena);
    if (s == NULL || top.root == NULL) {
        rc = bf_error_set(err, BF_ENOMEM, NULL);
        goto out;
    }
    rc = population_create(&s->pop, err);
    if (rc != BF_OK)
        goto out;
    ctx.s = s;
    rc = read_top_level(&ctx, stream, &top);
    if (rc != BF_OK)
        goto out;
    *out = s;
    s = NULL;
out:
    if (rc == BF_EPARSE) {
        char message[BF_ERROR_MESSAGE_MAX];
        snprintf(message, sizeof message, "%s", err->message);
        rc = bf_error_set(err, BF_EINVAL, "$: %s", message);
    }
    situation_context_free(&ctx);
    situation_free(s);
    json_node_arena_free(&top.arena);
    json_node_arena_free(&top.person);
    return rc;
}

int situation_parse_text(const char *text, size_t length, situation **out, bf_error *err)
{
    json_stream *stream = NULL;
    int rc = json_stream_open_memory(text, length, &stream, err);
    if (rc == BF_OK)
        rc = situation_parse_stream(stream, out, err);
    json_stream_close(stream);
    return rc;
}

int situation_parse_file(const char *path, situation **out, bf_error *err)
{
    int rc = BF_OK;
    json_stream *stream = NULL;
    FILE *file = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (file == NULL) {
        rc = bf_error_set(err, BF_EIO, BF_TR("无法打开“%s”：%s", "cannot open '%s': %s"), path,
                          strerror(errno));
        goto out;
    }
    rc = json_stream_open_file(file, path, 0, &stream, err);
    if (rc == BF_OK)
        rc = situation_parse_stream(stream, out, err);
out:
    json_stream_close(stream);
    if (file != NULL && file != stdin)
        fclose(file);
    return rc;
}
