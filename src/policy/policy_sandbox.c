/*
 * policy_sandbox.c - the Lua state a policy file runs in.
 *
 * Its globals are only the declaration functions; each call records (kind,
 * line, table) in a list kept as an upvalue, the line taken from the
 * caller's debug info.  No io, os, require, load, string or debug library;
 * text chunks only; memory capped by the allocator and instructions by a
 * count hook (policy_load.h has the limits).
 */
#include "policy/policy_load_private.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdlib.h>

/* Instructions between two budget checks. */
#define LOAD_HOOK_STEP 1000

static void *budget_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    load_budget *budget = ud;
    size_t old = ptr != NULL ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        budget->used -= old;
        return NULL;
    }
    if (nsize > old && budget->used + (nsize - old) > budget->limit)
        return NULL;
    void *grown = realloc(ptr, nsize);
    if (grown == NULL)
        return NULL;
    budget->used = budget->used - old + nsize;
    return grown;
}

static void budget_hook(lua_State *L, lua_Debug *ar)
{
    void *ud = NULL;
    lua_getallocf(L, &ud);
    load_budget *budget = ud;
    budget->instructions += LOAD_HOOK_STEP;
    int line = lua_getinfo(L, "l", ar) ? ar->currentline : 0;
    if (budget->instructions > POLICY_LUA_INSTRUCTIONS_MAX)
        luaL_error(L, "%s:%d: %s", budget->name, line,
                   BF_TR("运行超出指令上限（政策文件只应声明数据，不应循环）",
                         "instruction budget exceeded (a policy file declares data; it "
                         "must not loop)"));
}

/* The declaration functions: upvalue 1 is the list, upvalue 2 the kind name. */
static int declare(lua_State *L)
{
    const char *kind = lua_tostring(L, lua_upvalueindex(2));
    if (lua_gettop(L) != 1 || lua_type(L, 1) != LUA_TTABLE)
        return luaL_error(L,
                          BF_TR("%s 需要一个表参数：%s { ... }", "%s takes one table: %s { ... }"),
                          kind, kind);
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
        line = ar.currentline;
    lua_Integer n = (lua_Integer)lua_rawlen(L, lua_upvalueindex(1));
    lua_createtable(L, 3, 0);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_rawseti(L, -2, 1);
    lua_pushinteger(L, line);
    lua_rawseti(L, -2, 2);
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, 3);
    lua_rawseti(L, lua_upvalueindex(1), n + 1);
    return 0;
}

lua_State *load_sandbox_open(load_budget *budget)
{
    lua_State *L = lua_newstate(budget_alloc, budget);
    if (L == NULL)
        return NULL;
    /* The allow-list: only the declaration functions, sharing one list. */
    lua_newtable(L);
    int list = lua_gettop(L);
    static const char *const declarations[] = {"document", "parameter", "status",
                                               "benefit",  "target",    "report"};
    for (int i = 0; i < 6; i++) {
        lua_pushvalue(L, list);
        lua_pushstring(L, declarations[i]);
        lua_pushcclosure(L, declare, 2);
        lua_setglobal(L, declarations[i]);
    }
    return L;
}

int load_sandbox_run(lua_State *L, const char *text, size_t length, const char *chunk_name)
{
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, LOAD_HOOK_STEP);
    int status = luaL_loadbufferx(L, text, length, chunk_name, "t");
    if (status == LUA_OK)
        status = lua_pcall(L, 0, 0, 0);
    lua_sethook(L, NULL, 0, 0);
    return status;
}
