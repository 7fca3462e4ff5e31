/*
 * web_schemas.c - the 200 answers of the routes (web_schemas.h), written as
 * JSON Schema texts with a few shorthands.
 */
#include "web/web_schemas.h"

#define S     "{\"type\":\"string\"}"
#define SN    "{\"type\":\"string\",\"nullable\":true}"
#define I     "{\"type\":\"integer\"}"
#define IN    "{\"type\":\"integer\",\"nullable\":true}"
#define NN    "{\"type\":\"number\",\"nullable\":true}"
#define N     "{\"type\":\"number\"}"
#define B     "{\"type\":\"boolean\"}"
#define BN    "{\"type\":\"boolean\",\"nullable\":true}"
#define O     "{\"type\":\"object\"}"
#define A(of) "{\"type\":\"array\",\"items\":" of "}"
/* An object with the required keys req (a JSON list) and the properties props. */
#define OBJ(req, props) "{\"type\":\"object\",\"required\":" req ",\"properties\":{" props "}}"

#define WEB_SCHEMA_USER                                                                            \
    OBJ("[\"login\",\"name\",\"region\",\"region_name\",\"roles\",\"full_view\",\"csrf_token\"]",  \
        "\"login\":" S ",\"name\":" S ",\"region\":" S ",\"region_name\":" S                       \
        ",\"roles\":" A(S) ",\"full_view\":" B ",\"csrf_token\":" S)
#define WEB_SCHEMA_OK OBJ("[\"ok\"]", "\"ok\":" B)
#define WEB_SCHEMA_PERSON                                                                          \
    OBJ("[\"ref\",\"name\",\"id_number\",\"masked\",\"jobs\",\"trainings\",\"enrolments\","        \
        "\"insurance\",\"residence\",\"history\"]",                                                \
        "\"ref\":" S ",\"name\":" SN ",\"id_number\":" S ",\"masked\":" B                          \
        ",\"jobs\":" A(O) ",\"trainings\":" A(O) ",\"enrolments\":" A(O) ",\"insurance\":" A(      \
            O) ",\"residence\":" A(O) ",\"history\":" A(O))
#define WEB_SCHEMA_PAGE(key, item)                                                                 \
    OBJ("[\"" key "\",\"more\",\"limit\",\"offset\"]",                                             \
        "\"" key "\":" A(item) ",\"more\":" B ",\"limit\":" I ",\"offset\":" I)
#define WEB_SCHEMA_PEOPLE_ITEM                                                                     \
    OBJ("[\"ref\",\"id_number\",\"name\"]", "\"ref\":" S ",\"id_number\":" S ",\"name\":" S        \
                                            ",\"hukou_region\":" S ",\"employment_status\":" S)
#define WEB_SCHEMA_LINE                                                                            \
    OBJ("[\"id\",\"run\",\"month\",\"benefit\",\"clause\",\"kind\",\"amount_fen\",\"state\","      \
        "\"payee\",\"person\",\"region\"]",                                                        \
        "\"id\":" I ",\"run\":" I ",\"month\":" S ",\"benefit\":" S ",\"clause\":" S               \
        ",\"kind\":" S ",\"amount_fen\":" I ",\"state\":" S ",\"payee\":" S ",\"person\":" S       \
        ",\"person_name\":" SN ",\"region\":" S ",\"person_ref\":" S)
#define WEB_SCHEMA_RUN                                                                             \
    OBJ("[\"id\",\"month\",\"region\",\"operator\",\"started_at\",\"lines\",\"pending\","          \
        "\"approved\",\"rejected\",\"amount_fen\"]",                                               \
        "\"id\":" I ",\"month\":" S ",\"region\":" S ",\"operator\":" S ",\"started_at\":" S       \
        ",\"lines\":" I ",\"pending\":" I ",\"approved\":" I ",\"rejected\":" I                    \
        ",\"amount_fen\":" I)
/* policy_output.c's document; an explanation names a person or an org. */
#define WEB_SCHEMA_CALC                                                                            \
    OBJ("[\"period\",\"entitlements\",\"excluded\",\"warnings\",\"statuses\",\"total\","           \
        "\"explain\"]",                                                                            \
        "\"period\":" O ",\"entitlements\":" A(WEB_SCHEMA_GRANT) ",\"excluded\":" A(               \
            O) ",\"warnings\":" A(O) ",\"statuses\":" A(O) ",\"total\":" N                         \
                                                           ",\"explain\":" A(WEB_SCHEMA_EXPLAIN))
#define WEB_SCHEMA_GRANT                                                                           \
    OBJ("[\"benefit\",\"clause\",\"month\",\"amount\"]",                                           \
        "\"benefit\":" S ",\"clause\":" S ",\"month\":" S ",\"amount\":" NN)
#define WEB_SCHEMA_EXPLAIN                                                                         \
    OBJ("[\"paid\",\"not_paid\",\"failed\"]",                                                      \
        "\"person\":" S ",\"org\":" S ",\"paid\":" A(O) ",\"not_paid\":" A(O) ",\"failed\":" A(O))
#define WEB_SCHEMA_TABLE                                                                           \
    OBJ("[\"title\",\"columns\",\"rows\",\"notes\"]",                                              \
        "\"title\":" S ",\"columns\":" A(S) ",\"rows\":" A(A(S)) ",\"notes\":" A(S))

#define WEB_SCHEMA_EMPLOYMENT                                                                      \
    OBJ("[\"code\",\"name\",\"county\",\"province\",\"outside\"]",                                 \
        "\"code\":" S ",\"name\":" S ",\"county\":" I ",\"province\":" I ",\"outside\":" I)
#define WEB_SCHEMA_SUBSIDY                                                                         \
    OBJ("[\"id\",\"name\",\"fen\"]", "\"id\":" S ",\"name\":" S ",\"fen\":" A(I))
#define WEB_SCHEMA_DASHBOARD                                                                       \
    OBJ("[\"year\",\"day\",\"employment\",\"subsidies\",\"targets\"]",                             \
        "\"year\":" I ",\"day\":" S                                                                \
        ",\"employment\":" A(WEB_SCHEMA_EMPLOYMENT) ",\"subsidies\":" A(                           \
            WEB_SCHEMA_SUBSIDY) ",\"targets\":" WEB_SCHEMA_TABLE)

/* A list as a table: its column headers and rows of texts (web_util.h web_table_new). */
#define WEB_SCHEMA_LIST(req, props)                                                                \
    OBJ("[\"columns\",\"rows\",\"more\",\"limit\",\"offset\"" req "]",                             \
        "\"columns\":" A(S) ",\"rows\":" A(A(S)) ",\"more\":" B ",\"limit\":" I                    \
                                                 ",\"offset\":" I props)
#define WEB_SCHEMA_DECISION                                                                        \
    OBJ("[\"carrier\",\"date\",\"action\",\"action_text\",\"document\",\"body\"]",                 \
        "\"carrier\":" S ",\"date\":" S ",\"action\":" S ",\"action_text\":" S ",\"document\":" S  \
        ",\"body\":" S ",\"reason\":" SN ",\"exception\":" SN ",\"rule\":" SN)
#define WEB_SCHEMA_PARAMETER                                                                       \
    OBJ("[\"id\",\"name\",\"unit\",\"region\",\"region_name\",\"from\",\"ends\",\"text\","         \
        "\"set_by\",\"set_at\"]",                                                                  \
        "\"id\":" I ",\"name\":" S ",\"unit\":" S ",\"region\":" S ",\"region_name\":" S           \
        ",\"from\":" S ",\"value\":{\"nullable\":true},\"to\":" SN ",\"ends\":" B ",\"text\":" S   \
        ",\"source\":" SN ",\"set_by\":" S ",\"set_at\":" S ",\"corrected_by\":"                   \
        "{\"type\":\"integer\",\"nullable\":true}")

#define WEB_SCHEMA_COMPARISON                                                                      \
    OBJ("[\"id\",\"list\",\"region\",\"as_of\",\"started_at\",\"findings\"]",                      \
        "\"id\":" I ",\"list\":" S ",\"region\":" S ",\"as_of\":" S ",\"started_at\":" S           \
        ",\"findings\":" O ",\"previous\":" I)
#define WEB_SCHEMA_FINDING                                                                         \
    OBJ("[\"finding\",\"title\",\"change\",\"id_number\"]",                                        \
        "\"finding\":" S ",\"title\":" S ",\"change\":" S ",\"id_number\":" S ",\"name\":" SN      \
        ",\"hukou_region\":" SN ",\"field\":" SN ",\"registry_value\":" SN ",\"list_value\":" SN)
#define WEB_SCHEMA_BATCH                                                                           \
    OBJ("[\"id\",\"month\",\"created_by\",\"created_at\",\"payments\",\"lines\",\"amount_fen\","   \
        "\"paid_lines\",\"failed_lines\",\"region\",\"mine\"]",                                    \
        "\"id\":" I ",\"month\":" S ",\"created_by\":" S ",\"created_at\":" S ",\"payments\":" I   \
        ",\"lines\":" I ",\"amount_fen\":" I ",\"paid_lines\":" I ",\"failed_lines\":" I           \
        ",\"region\":" S ",\"approved_by\":" SN ",\"approved_at\":" SN ",\"mine\":" B)
#define WEB_SCHEMA_FINDING_COUNTS                                                                  \
    OBJ("[\"uninsured\",\"no_pension\",\"registry_only\",\"list_only\",\"differs\"]",              \
        "\"uninsured\":" I ",\"no_pension\":" I ",\"registry_only\":" I ",\"list_only\":" I        \
        ",\"differs\":" I)

static const web_route_answer web_route_answers[WEB_ROUTE_COUNT] = {
    [WEB_ROUTE_health] = {OBJ("[\"status\",\"version\",\"engine\",\"schema\"]",
                              "\"status\":" S ",\"version\":" S ",\"engine\":" S ",\"schema\":" I),
                          0},
    [WEB_ROUTE_openapi] = {OBJ("[\"openapi\",\"info\",\"paths\",\"components\"]",
                               "\"openapi\":" S ",\"info\":" O ",\"paths\":" O
                               ",\"components\":" O),
                           0},
    [WEB_ROUTE_session_login] = {WEB_SCHEMA_USER, 0},
    [WEB_ROUTE_session_show] = {WEB_SCHEMA_USER, 0},
    [WEB_ROUTE_session_logout] = {WEB_SCHEMA_OK, 0},
    [WEB_ROUTE_session_password] = {WEB_SCHEMA_OK, 0},
    [WEB_ROUTE_people_search] = {WEB_SCHEMA_PAGE("people", WEB_SCHEMA_PEOPLE_ITEM), 0},
    [WEB_ROUTE_person_show] = {WEB_SCHEMA_PERSON, 0},
    [WEB_ROUTE_person_update] = {WEB_SCHEMA_PERSON, 0},
    [WEB_ROUTE_ledger_runs] = {OBJ("[\"runs\"]", "\"runs\":" A(WEB_SCHEMA_RUN)), 0},
    [WEB_ROUTE_ledger_run] = {OBJ("[\"run\",\"month\",\"due\",\"more\",\"less\",\"recoveries\","
                                  "\"unchanged\",\"unapplied\",\"warnings\",\"written_fen\"]",
                                  "\"run\":" I ",\"month\":" S ",\"due\":" I ",\"more\":" I
                                  ",\"less\":" I ",\"recoveries\":" I ",\"unchanged\":" I
                                  ",\"unapplied\":" I ",\"warnings\":" I ",\"written_fen\":" I),
                              0},
    [WEB_ROUTE_ledger_review] = {OBJ("[\"reviewed\",\"state\"]", "\"reviewed\":" I ",\"state\":" S),
                                 0},
    [WEB_ROUTE_ledger_lines] = {OBJ("[\"lines\",\"more\",\"limit\",\"offset\",\"masked\"]",
                                    "\"lines\":" A(WEB_SCHEMA_LINE) ",\"more\":" B ",\"limit\":" I
                                                                    ",\"offset\":" I
                                                                    ",\"masked\":" B),
                                0},
    [WEB_ROUTE_ledger_export] = {NULL, WEB_DOWNLOAD_XLSX | WEB_DOWNLOAD_CSV},
    [WEB_ROUTE_import] = {OBJ("[\"kind\",\"name\",\"batch\",\"rows\",\"inserted\",\"updated\","
                              "\"unchanged\",\"rejected\",\"removed\",\"errors_csv\"]",
                              "\"kind\":" S ",\"name\":" S ",\"batch\":" I ",\"rows\":" I
                              ",\"inserted\":" I ",\"updated\":" I ",\"unchanged\":" I
                              ",\"rejected\":" I ",\"removed\":" I ",\"errors_csv\":" SN),
                          0},
    [WEB_ROUTE_import_progress] = {OBJ("[\"job\",\"step\"]",
                                       "\"job\":" S ",\"step\":" S ",\"label\":" S ",\"done\":" I
                                       ",\"fraction\":" N ",\"elapsed_ms\":" I),
                                   0},
    [WEB_ROUTE_calc] = {WEB_SCHEMA_CALC, 0},
    [WEB_ROUTE_report_annex1] = {WEB_SCHEMA_TABLE, WEB_DOWNLOAD_XLSX | WEB_DOWNLOAD_CSV},
    [WEB_ROUTE_dashboard] = {WEB_SCHEMA_DASHBOARD, 0},
    [WEB_ROUTE_orgs_list] = {WEB_SCHEMA_LIST(",\"date\"", ",\"date\":" S), 0},
    [WEB_ROUTE_org_show] = {OBJ("[\"org_code\",\"name\",\"kind\",\"region\",\"date\",\"status\","
                                "\"decisions\"]",
                                "\"org_code\":" S ",\"name\":" S ",\"kind\":" S ",\"region\":" S
                                ",\"staff\":" SN ",\"contact\":" SN ",\"phone\":" SN ",\"date\":" S
                                ",\"status\":" O ",\"decisions\":" A(WEB_SCHEMA_DECISION)),
                            0},
    [WEB_ROUTE_org_decide] = {OBJ("[\"org_code\",\"carrier\",\"date\",\"action\",\"batch\"]",
                                  "\"org_code\":" S ",\"carrier\":" S ",\"date\":" S
                                  ",\"action\":" S ",\"rule\":" SN ",\"rule_holds\":" BN
                                  ",\"exception\":" SN ",\"batch\":" I),
                              0},
    [WEB_ROUTE_parameters_list] = {OBJ("[\"parameters\"]",
                                       "\"at\":" SN ",\"parameters\":" A(WEB_SCHEMA_PARAMETER)),
                                   0},
    [WEB_ROUTE_parameter_set] = {WEB_SCHEMA_PARAMETER, 0},
    [WEB_ROUTE_projects_list] = {WEB_SCHEMA_LIST(",\"date\"", ",\"date\":" S), 0},
    [WEB_ROUTE_posts_list] = {WEB_SCHEMA_LIST("", ""), 0},
    [WEB_ROUTE_comparisons_list] = {OBJ("[\"runs\"]", "\"runs\":" A(WEB_SCHEMA_COMPARISON)), 0},
    [WEB_ROUTE_comparison_findings] = {OBJ("[\"run\",\"findings\",\"more\",\"limit\",\"offset\","
                                           "\"masked\"]",
                                           "\"run\":" WEB_SCHEMA_COMPARISON ",\"findings\":" A(
                                               WEB_SCHEMA_FINDING) ",\"more\":" B ",\"limit\":" I
                                                                   ",\"offset\":" I
                                                                   ",\"masked\":" B),
                                       0},
    [WEB_ROUTE_payment_batches] = {OBJ("[\"batches\"]", "\"batches\":" A(WEB_SCHEMA_BATCH)), 0},
    [WEB_ROUTE_comparison_run] = {OBJ("[\"run\",\"list\",\"region\",\"as_of\",\"registry_people\","
                                      "\"list_people\",\"previous\",\"findings\",\"new\","
                                      "\"resolved\"]",
                                      "\"run\":" I ",\"list\":" S ",\"region\":" S ",\"as_of\":" S
                                      ",\"registry_people\":" I ",\"list_people\":" I
                                      ",\"previous\":" I ",\"findings\":" WEB_SCHEMA_FINDING_COUNTS
                                      ",\"new\":" WEB_SCHEMA_FINDING_COUNTS
                                      ",\"resolved\":" WEB_SCHEMA_FINDING_COUNTS),
                                  0},
    [WEB_ROUTE_payment_batch_create] = {OBJ("[\"batch\",\"month\",\"region\",\"payments\","
                                            "\"lines\",\"total_fen\",\"missing_bank\","
                                            "\"not_positive\",\"services\"]",
                                            "\"batch\":" I ",\"month\":" S ",\"region\":" S
                                            ",\"payments\":" I ",\"lines\":" I ",\"total_fen\":" I
                                            ",\"missing_bank\":" I ",\"not_positive\":" I
                                            ",\"services\":" I),
                                        0},
    [WEB_ROUTE_payment_batch_approve] = {OBJ("[\"batch\",\"approved_by\"]",
                                             "\"batch\":" I ",\"approved_by\":" S),
                                         0},
    [WEB_ROUTE_payment_bank_file] = {NULL, WEB_DOWNLOAD_XLSX | WEB_DOWNLOAD_CSV},
    [WEB_ROUTE_payment_return] = {OBJ("[\"name\",\"read\",\"paid\",\"failed\",\"already\","
                                      "\"errors\",\"errors_csv\"]",
                                      "\"name\":" S ",\"read\":" I ",\"paid\":" I ",\"failed\":" I
                                      ",\"already\":" I ",\"errors\":" I ",\"errors_csv\":" SN),
                                  0},
};

const web_route_answer *web_route_answer_of(int route)
{
    return route >= 0 && route < WEB_ROUTE_COUNT ? &web_route_answers[route] : NULL;
}
