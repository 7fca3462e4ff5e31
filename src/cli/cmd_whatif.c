/*
 * cmd_whatif.c - `bangfu whatif --set PARAM=VALUE... | --policy FILE [--region CODE]
 * --from YYYY-MM --to YYYY-MM [--policies DIR] [--out FILE] [--people FILE]`: calc over
 * the stored population (cli_stored.h, the calc's own reading) under the policies as
 * they are and as changed, compared by region and person (services/whatif.h).
 *
 * --policy FILE replaces the file of the same name in the policy directory (or joins
 * it): the changed set is loaded from a private temporary directory of links to the
 * other files and to FILE, removed afterwards.
 */
#include "cli/cli_stored.h"
#include "cli/cli_table_options.h"

#include "io/safe_file.h"
#include "policy/policy_load.h"
#include "services/local_parameters.h"
#include "services/whatif.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CMD_WHATIF_USAGE                                                                           \
    "bangfu whatif --set PARAMETER=VALUE... | --policy FILE.lua [--region CODE] --from YYYY-MM "   \
    "--to YYYY-MM [--policies DIR] [--out FILE|-] [--people FILE] [--json] [--force]"
/* Most --set options. */
#define CMD_WHATIF_SETS_MAX 16

/* The links of the changed policy directory, to remove. */
typedef struct whatif_links {
    char dir[PATH_MAX];
    char names[POLICY_FILES_MAX][256];
    int count;
} whatif_links;

static void whatif_links_remove(whatif_links *links)
{
    char path[PATH_MAX + 300];
    for (int i = 0; i < links->count; i++) {
        snprintf(path, sizeof path, "%s/%s", links->dir, links->names[i]);
        unlink(path);
    }
    if (links->dir[0] != '\0')
        rmdir(links->dir);
}

/* Links every .lua of dir but file's name, and file, into a new directory links->dir. */
static int whatif_links_make(const char *dir, const char *file, whatif_links *links)
{
    char target[PATH_MAX], path[PATH_MAX + 300];
    const char *slash = strrchr(file, '/');
    const char *name = slash != NULL ? slash + 1 : file;
    size_t length = strlen(name);
    if (length < 5 || strcmp(name + length - 4, ".lua") != 0 || length >= sizeof links->names[0])
        return cli_fail(CLI_EXIT_USAGE,
                        BF_TR("--policy：“%s”应为 .lua 政策文件", "--policy: '%s' is no .lua file"),
                        file);
    if (realpath(file, target) == NULL)
        return cli_fail(CLI_EXIT_FAILURE, BF_TR("无法读取 %s", "cannot read %s"), file);
    snprintf(links->dir, sizeof links->dir, "%s/bangfu-whatif-XXXXXX",
             getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(links->dir) == NULL) {
        links->dir[0] = '\0';
        return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_EIO));
    }
    DIR *d = opendir(dir);
    if (d == NULL)
        return cli_fail(CLI_EXIT_FAILURE, BF_TR("无法打开 %s", "cannot open %s"), dir);
    struct dirent *entry;
    int status = CLI_EXIT_OK;
    while (status == CLI_EXIT_OK && (entry = readdir(d)) != NULL) {
        size_t n = strlen(entry->d_name);
        if (n < 5 || strcmp(entry->d_name + n - 4, ".lua") != 0 || entry->d_name[0] == '.' ||
            strcmp(entry->d_name, name) == 0 || n >= sizeof links->names[0])
            continue;
        char source[PATH_MAX + 300], absolute[PATH_MAX];
        snprintf(source, sizeof source, "%s/%s", dir, entry->d_name);
        snprintf(path, sizeof path, "%s/%s", links->dir, entry->d_name);
        if (links->count >= POLICY_FILES_MAX || realpath(source, absolute) == NULL ||
            symlink(absolute, path) != 0)
            status = cli_fail(CLI_EXIT_FAILURE, BF_TR("无法链接 %s", "cannot link %s"), source);
        else
            snprintf(links->names[links->count++], sizeof links->names[0], "%s", entry->d_name);
    }
    closedir(d);
    snprintf(path, sizeof path, "%s/%s", links->dir, name);
    if (status == CLI_EXIT_OK && links->count < POLICY_FILES_MAX && symlink(target, path) == 0)
        snprintf(links->names[links->count++], sizeof links->names[0], "%s", name);
    else if (status == CLI_EXIT_OK)
        status = cli_fail(CLI_EXIT_FAILURE, BF_TR("无法链接 %s", "cannot link %s"), file);
    return status;
}

int cmd_whatif(cli_context *ctx, int argc, char **argv)
{
    int status = CLI_EXIT_USAGE;
    bf_error err;
    bf_error_clear(&err);
    cli_stored_options stored = {0};
    cli_table_options options = {0};
    const char *sets[CMD_WHATIF_SETS_MAX], *policy = NULL, *policies = NULL, *people_out = NULL;
    int set_count = 0;
    population *pop = NULL;
    policy_set *before_set = NULL, *after_set = NULL;
    policy_result *before = NULL, *after = NULL;
    whatif_links *links = calloc(1, sizeof *links);
    if (links == NULL)
        return cli_fail(CLI_EXIT_FAILURE, "%s", bf_strerror(BF_ENOMEM));
    for (int i = 1; i < argc;) {
        const char *value = NULL;
        int found = cli_stored_option(argc, argv, &i, &stored);
        if (found < 0)
            goto out;
        if (found == 1)
            continue;
        static const char *const names[] = {"--set", "--policy", "--policies", "--people"};
        for (int n = 0; n < 4 && found == 0; n++) {
            found = cli_option_value(argc, argv, &i, names[n], &value);
            if (found < 0) {
                cli_fail(CLI_EXIT_USAGE, BF_TR("%s 缺少参数", "%s needs a value"), names[n]);
                goto out;
            }
            if (found == 1 && n == 0) {
                if (set_count == CMD_WHATIF_SETS_MAX) {
                    cli_fail(CLI_EXIT_USAGE, BF_TR("--set 最多 %d 个", "at most %d --set"),
                             CMD_WHATIF_SETS_MAX);
                    goto out;
                }
                sets[set_count++] = value;
            }
            if (found == 1 && n > 0)
                *(n == 1 ? &policy : n == 2 ? &policies : &people_out) = value;
        }
        if (found == 1)
            continue;
        found = cli_table_option(argc, argv, &i, 0, &options);
        if (found < 0)
            goto out;
        if (found == 0) {
            cli_fail(CLI_EXIT_USAGE,
                     BF_TR("用法：%s（多余的参数“%s”）", "usage: %s (unexpected '%s')"),
                     CMD_WHATIF_USAGE, argv[i]);
            goto out;
        }
    }
    if ((set_count == 0) == (policy == NULL) || stored.person != NULL) {
        cli_fail(CLI_EXIT_USAGE, BF_TR("用法：%s", "usage: %s"), CMD_WHATIF_USAGE);
        goto out;
    }
    if (options.out == NULL)
        options.out = "-";
    const char *outputs[] = {options.out, people_out};
    for (int o = 0; o < 2; o++) {
        if (outputs[o] == NULL)
            continue;
        if (!table_output_path_known(outputs[o])) {
            cli_fail(
                CLI_EXIT_USAGE,
                BF_TR("“%s”应为 .csv、.xlsx、.json 或 -", "'%s' should be .csv, .xlsx, .json or -"),
                outputs[o]);
            goto out;
        }
        if (!options.force && strcmp(outputs[o], "-") != 0 && cli_refuse_existing(outputs[o])) {
            status = CLI_EXIT_FAILURE;
            goto out;
        }
    }
    int month_from = 0, month_to = 0;
    status = cli_stored_read(ctx, &stored, &month_from, &month_to, &pop);
    if (status != CLI_EXIT_OK)
        goto out;
    char region[REGION_CODE_TEXT_MAX];
    const char *scope = stored.region != NULL &&
                                region_code_normalize(stored.region, region) != REGION_LEVEL_INVALID
                            ? region
                            : NULL;
    char dir[POLICY_PATH_MAX];
    const char *refusal =
        BF_TR("政策文件有错误，不计算", "the policy files have problems; nothing computed");
    status = cli_load_policies(policies, refusal, &before_set, dir, sizeof dir);
    if (status == CLI_EXIT_OK && policy != NULL)
        status = whatif_links_make(dir, policy, links);
    if (status == CLI_EXIT_OK)
        status = cli_load_policies(policy != NULL ? links->dir : policies, refusal, &after_set, dir,
                                   sizeof dir);
    if (status != CLI_EXIT_OK)
        goto out;
    status = CLI_EXIT_FAILURE;
    if (local_parameters_apply(ctx->store, before_set, NULL, &err) != BF_OK ||
        local_parameters_apply(ctx->store, after_set, NULL, &err) != BF_OK) {
        cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    for (int s = 0; s < set_count; s++) {
        int rc = whatif_set_parameter(ctx->store, after_set, scope, sets[s], &err);
        if (rc != BF_OK) {
            status =
                cli_fail(rc == BF_EINVAL || rc == BF_ENOTFOUND ? CLI_EXIT_USAGE : CLI_EXIT_FAILURE,
                         "--set: %s", err.message);
            goto out;
        }
    }
    policy_eval_options eval = {month_from, month_to, POLICY_EXPLAIN_NONE};
    if (policy_evaluate(before_set, pop, &eval, &before, &err) != BF_OK ||
        policy_evaluate(after_set, pop, &eval, &after, &err) != BF_OK) {
        cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    whatif_input input = {before_set, after_set, before, after, pop, scope};
    whatif_totals totals;
    if (whatif_compare(ctx->store, &input, options.format, options.out, people_out, &totals,
                       &err) != BF_OK) {
        cli_fail(CLI_EXIT_FAILURE, "%s", err.message);
        goto out;
    }
    if (strcmp(options.out, "-") != 0)
        printf("{\"people_before\":%lld,\"people_after\":%lld,\"fen_before\":%lld,"
               "\"fen_after\":%lld,\"gain\":%lld,\"lose\":%lld,\"money_changed\":%lld}\n",
               (long long)totals.people[0], (long long)totals.people[1], (long long)totals.fen[0],
               (long long)totals.fen[1], (long long)totals.gain, (long long)totals.lose,
               (long long)totals.changed);
    status = CLI_EXIT_OK;
out:
    whatif_links_remove(links);
    free(links);
    policy_result_free(before);
    policy_result_free(after);
    policy_set_free(before_set);
    policy_set_free(after_set);
    population_free(pop);
    return status;
}
