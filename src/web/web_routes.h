/*
 * web_routes.h - the one list of the routes of the HTTP API.
 *
 * WEB_ROUTE_MAP gives each route its handler, method, path (with {name}
 * parameters), the roles that may call it, its flags and the statuses it
 * answers; web_routes.c dispatches by it and route_openapi.c writes
 * /api/openapi.json from it, so a route cannot exist undocumented.  A new
 * route is one line here and its handler route_<id> in the resource's
 * route_*.c.
 *
 * Flags: WEB_PUBLIC needs no session (roles ignored); WEB_WRITE changes
 * data: it needs the session's CSRF token (header X-CSRF-Token) and is
 * audited as a write; WEB_PERSONAL answers with personal data and is
 * audited as a view; WEB_OWN_TRANSACTION (with WEB_WRITE) runs a service
 * that opens and commits its own transactions (a ledger run, an import):
 * the dispatcher opens none and the write's entry follows its commit
 * through the audit writer, before the answer leaves.  WEB_SNAPSHOT (a read
 * of many short queries: nothing it calls writes or begins a transaction)
 * runs the session's check and the handler in one read transaction
 * (store_read_begin): on SQLite a read transaction per statement cost more
 * than the statement (about 8 us of locking each on a virtual machine).
 * WEB_LONG (a GET that may run long: a report or the dashboard over a large
 * registry, a download) is run by the server's long threads, as every write
 * is, so that it does not hold the other connections of its worker.
 */
#ifndef BANGFU_WEB_WEB_ROUTES_H
#define BANGFU_WEB_WEB_ROUTES_H

#include "web/web.h"
#include "web/web_audit.h"

#define WEB_PUBLIC          0x1
#define WEB_WRITE           0x2
#define WEB_PERSONAL        0x4
#define WEB_OWN_TRANSACTION 0x8
#define WEB_SNAPSHOT        0x10
#define WEB_LONG            0x20

/* XX(id, method, path, roles, flags, statuses, summary_zh, summary_en) */
#define WEB_ROUTE_MAP(XX)                                                                          \
    XX(health, "GET", "/api/health", 0, WEB_PUBLIC, "200", "服务状态", "server status")            \
    XX(openapi, "GET", "/api/openapi.json", 0, WEB_PUBLIC, "200", "本 API 的 OpenAPI 3 描述",      \
       "the OpenAPI 3 description of this API")                                                    \
    XX(session_login, "POST", "/api/session", 0, WEB_PUBLIC, "200,400,401,403,415,423", "登录",    \
       "log in: sets the session cookie, answers the CSRF token")                                  \
    XX(session_show, "GET", "/api/session", WEB_ROLES_ALL, 0, "200", "当前用户与 CSRF 令牌",       \
       "the current user and the CSRF token")                                                      \
    XX(session_logout, "DELETE", "/api/session", WEB_ROLES_ALL, WEB_WRITE, "200", "退出登录",      \
       "log out")                                                                                  \
    XX(session_password, "POST", "/api/session/password", WEB_ROLES_ALL, WEB_WRITE, "200,400,415", \
       "修改本人密码", "change one's own password")                                                \
    XX(people_search, "GET", "/api/people", WEB_ROLES_ALL, WEB_PERSONAL, "200,400,404",            \
       "在本人辖区内按姓名、证件号码或区划查找人员（证件号码打码）",                               \
       "search people of one's region by name, ID number or region (ID numbers masked)")           \
    XX(person_show, "GET", "/api/people/{ref}", WEB_ROLES_ALL, WEB_PERSONAL | WEB_SNAPSHOT,        \
       "200,404", "一个人员：四清、就业、培训、参保与变更历史（?full=1 显示完整证件号码与电话）",  \
       "one person: 四清, spells, trainings, insurance, history (?full=1: in full)")               \
    XX(person_update, "PATCH", "/api/people/{ref}", WEB_ROLE_CLERK | WEB_ROLE_VILLAGE, WEB_WRITE,  \
       "200,400,404,415", "修改人员的四清字段与电话", "change a person's 四清 fields and phone")   \
    XX(ledger_runs, "GET", "/api/ledger/runs", WEB_ROLES_ALL, 0, "200,400",                        \
       "本人辖区的台账批次（每次运行）及各状态行数",                                               \
       "the ledger runs of one's region, lines by state")                                          \
    XX(ledger_run, "POST", "/api/ledger/runs", WEB_ROLE_CLERK, WEB_WRITE | WEB_OWN_TRANSACTION,    \
       "200,400,415", "对本人辖区运行一个月的台账", "run the ledger of a month over one's region") \
    XX(ledger_review, "POST", "/api/ledger/runs/{run}/review", WEB_ROLE_REVIEWER,                  \
       WEB_WRITE | WEB_OWN_TRANSACTION, "200,400,404,409,415",                                     \
       "审核（通过或驳回）批次中本人辖区的待审核行；运行人不能审核（双人复核）",                   \
       "approve or reject the pending lines of a run in one's region (not by who ran it)")         \
    XX(ledger_lines, "GET", "/api/ledger/lines", WEB_ROLES_ALL, WEB_PERSONAL, "200,400",           \
       "本人辖区的台账行（证件号码打码；?full=1 显示完整）",                                       \
       "the ledger lines of one's region (ID numbers masked; ?full=1: in full)")                   \
    XX(ledger_export, "GET", "/api/ledger/export", WEB_ROLES_ALL, WEB_PERSONAL | WEB_LONG,         \
       "200,400", "下载本人辖区的台账行（XLSX 或 CSV）",                                           \
       "download the ledger lines of one's region (XLSX, CSV)")                                    \
    XX(import, "POST", "/api/imports/{kind}", WEB_ROLE_CLERK, WEB_WRITE | WEB_OWN_TRANSACTION,     \
       "200,400,404", "导入本人辖区的人员或事实文件（请求体为文件，?name=文件名）",                \
       "import a file of people or facts of one's region (the body is the file, ?name=FILE)")      \
    XX(import_progress, "GET", "/api/imports/progress/{token}", WEB_ROLE_CLERK, 0, "200,404",      \
       "本人以 ?progress=TOKEN 发起的导入进行到哪一步（导入请求仍在进行时轮询）",                  \
       "how far one's import sent with ?progress=TOKEN is (polled while it runs)")                 \
    XX(calc, "GET", "/api/calc/{ref}", WEB_ROLES_ALL, WEB_PERSONAL, "200,400,404",                 \
       "一个人员在期间内的待遇及其解释（为什么 / 为什么没有）",                                    \
       "one person's entitlements of a period, explained (why / why not)")                         \
    XX(report_annex1, "GET", "/api/reports/annex1", WEB_ROLES_ALL, WEB_LONG, "200,400",            \
       "本人辖区一个季度的附件1（?format=json、xlsx 或 csv）",                                     \
       "附件1 of one's region for a quarter (?format=json, xlsx or csv)")                          \
    XX(dashboard, "GET", "/api/dashboard", WEB_ROLES_ALL, WEB_LONG, "200,400",                     \
       "统计图的数据：按区划与去向的就业、按月与待遇的补贴、目标与进度",                           \
       "the dashboard's figures: employment by region and where, subsidies, targets")              \
    XX(orgs_list, "GET", "/api/orgs", WEB_ROLES_ALL, 0, "200,400",                                 \
       "本人辖区的载体名录库：某日的认定状态与脱贫人口在岗人数（?carrier=&status=&date=）",        \
       "the carriers of one's region: status and hires of 脱贫人口 on a day")                      \
    XX(org_show, "GET", "/api/orgs/{code}", WEB_ROLES_ALL, 0, "200,400,404",                       \
       "一个单位：各载体类型某日的认定状态与全部认定决定", "one organisation and its decisions")   \
    XX(org_decide, "POST", "/api/orgs/{code}/decisions", WEB_ROLE_CLERK,                           \
       WEB_WRITE | WEB_OWN_TRANSACTION, "200,400,404,409,415",                                     \
       "对本人辖区的单位作出认定、升级、扶持、调整或退出决定（认定须符合政策或写明例外理由）",     \
       "record a decision on an organisation of one's region (certify: the rules or an "           \
       "exception)")                                                                               \
    XX(parameters_list, "GET", "/api/parameters", WEB_ROLES_ALL, 0, "200,400",                     \
       "本人辖区适用的地方参数：某日生效的取值（?at=）或全部历史（?history=1）",                   \
       "the local parameters of one's region: in effect on a day, or the history")                 \
    XX(parameter_set, "POST", "/api/parameters", WEB_ROLE_CLERK, WEB_WRITE | WEB_OWN_TRANSACTION,  \
       "200,400,404,415",                                                                          \
       "为本人辖区或其下级区划设置一个地方参数的取值（按政策文件声明的单位检查）",                 \
       "set a local parameter's value for one's region or one within it")                          \
    XX(projects_list, "GET", "/api/projects", WEB_ROLES_ALL, 0, "200,400",                         \
       "本人辖区的以工代赈与就业帮扶项目（附件2 的列，及某日在项目就业的人数与其中脱贫人口）",     \
       "the projects of one's region (附件2's columns, with the people employed on a day)")        \
    XX(posts_list, "GET", "/api/posts", WEB_ROLES_ALL, 0, "200,400",                               \
       "本人辖区的公益性岗位（导入文件的列）", "the public-welfare posts of one's region")         \
    XX(comparisons_list, "GET", "/api/comparisons", WEB_ROLES_ALL, 0, "200",                       \
       "名单比对（扶贫办、社保名单与登记）的各次运行及本人辖区的发现数",                           \
       "the comparisons of lists with the registry, findings of one's region counted")             \
    XX(comparison_findings, "GET", "/api/comparisons/{run}", WEB_ROLES_ALL, WEB_PERSONAL,          \
       "200,400,403,404", "一次比对在本人辖区的发现（证件号码打码；?full=1 显示完整）",            \
       "the findings of a comparison in one's region (masked; ?full=1: in full)")                  \
    XX(payment_batches, "GET", "/api/payments/batches", WEB_ROLES_ALL, 0, "200,400",               \
       "支付批次及其中本人辖区的台账行：金额与支付结果",                                           \
       "the payment batches, lines of one's region")                                               \
    XX(comparison_run, "POST", "/api/comparisons", WEB_ROLE_CLERK,                                 \
       WEB_WRITE | WEB_OWN_TRANSACTION, "200,400,415",                                             \
       "对本人辖区运行一次名单比对（insurance 社保名单或 poverty 扶贫办名单，与登记比对）",        \
       "compare a list (insurance, poverty) with the registry of one's region")                    \
    XX(payment_batch_create, "POST", "/api/payments/batches", WEB_ROLE_CLERK,                      \
       WEB_WRITE | WEB_OWN_TRANSACTION, "200,400,415",                                             \
       "把本人辖区一个月已审核（及支付失败）的台账行生成支付批次，待另一人审核",                   \
       "make a payment batch of a month's approved lines of one's region")                         \
    XX(payment_batch_approve, "POST", "/api/payments/batches/{batch}/approve", WEB_ROLE_REVIEWER,  \
       WEB_WRITE | WEB_OWN_TRANSACTION, "200,404,409",                                             \
       "审核本人辖区的支付批次（生成人不能审核：双人复核）",                                       \
       "approve a payment batch of one's region (not by who made it)")                             \
    XX(payment_bank_file, "POST", "/api/payments/batches/{batch}/bank-file",                       \
       WEB_ROLE_CLERK | WEB_ROLE_REVIEWER, WEB_WRITE | WEB_OWN_TRANSACTION, "200,400,404,409",     \
       "已审核批次的银行代发文件（?format=xlsx 或 csv；账号完整，记入审计；支付转为待回盘）",      \
       "the bank file of an approved batch of one's region (accounts in full, audited)")           \
    XX(payment_return, "POST", "/api/payments/returns", WEB_ROLE_CLERK,                            \
       WEB_WRITE | WEB_OWN_TRANSACTION, "200,400",                                                 \
       "导入银行回盘文件（请求体为文件，?name=文件名）：只结算本人辖区批次中的支付",               \
       "apply the bank's return (the body is the file): payments of one's region's batches only")

/* The index of each route in web_routes[]. */
enum web_route_id {
#define WEB_ROUTE_ENUM(id, method, path, roles, flags, statuses, zh, en) WEB_ROUTE_##id,
    WEB_ROUTE_MAP(WEB_ROUTE_ENUM)
#undef WEB_ROUTE_ENUM
        WEB_ROUTE_COUNT
};

typedef int (*web_handler)(web_request *req, web_response *res);

/* One route of WEB_ROUTE_MAP. */
typedef struct web_route {
    const char *id;
    const char *method;
    const char *path;
    int roles;
    int flags;
    const char *statuses; /* the statuses it answers besides the common ones, e.g. "200,404" */
    const char *summary_zh;
    const char *summary_en;
    web_handler handler;
} web_route;

extern const web_route web_routes[WEB_ROUTE_COUNT];

#define WEB_ROUTE_DECLARE(id, method, path, roles, flags, statuses, zh, en)                        \
    int route_##id(web_request *req, web_response *res);
WEB_ROUTE_MAP(WEB_ROUTE_DECLARE)
#undef WEB_ROUTE_DECLARE

/*
 * Appends entry for req: inside the request's transaction as part of it, else through the
 * server's audit writer: the request's first such entry into req->audit_later (http_server.c
 * holds the answer back until the writer has committed it), any other one committed before
 * this returns.
 */
int web_audit_request_entry(web_request *req, const web_audit_entry *entry, bf_error *err);

/*
 * Answers one API request (a path under /api/): finds its route (404 or 405
 * in JSON when none), checks the session, the roles and the CSRF token the
 * route needs, calls the handler and writes the audit entry.  res is filled
 * in every case.
 */
void web_dispatch(web_request *req, web_response *res);

/* 1 when a request of method on path is run by the long threads: every one but a GET or HEAD,
 * and the GETs of WEB_LONG routes. */
int web_route_runs_long(const char *method, const char *path);

#endif
