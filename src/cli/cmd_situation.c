/*
 * cmd_situation.c - `bangfu situation [--region CODE | --person ID_NUMBER]
 * --from YYYY-MM --to YYYY-MM [--out FILE [--force]] [--policies DIR]`: the
 * stored population and parameter values as a situation file, the input
 * `bangfu calc FILE` reads, so that calc of that file and calc over storage
 * give the same entitlements (docs/calc.md).
 *
 * The stored parameter values written are those the policy files (loaded for
 * it) can use, as local_parameters_apply() takes them.  The file appears only
 * when complete (io/safe_file.h); without --out it goes to stdout.
 */
#include "cli/cli_stored.h"

#include "io/safe_file.h"
#include "policy/policy_load.h"
#include "policy/situation.h"
#include "services/local_parameters.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SITUATION_USAGE                                                                            \
    "bangfu situation [--region CODE | --person ID_NUMBER] --from YYYY-MM --to YYYY-MM "           \
    "[--out FILE [--force]] [--policies DIR]"

/* Bytes of the output buffer. */
#define SITUATION_WRITE_BUFFER (1u << 20)

/* Writes the situation to path (a safe_file) or stdout when path is NULL. */
static int write_file(const char *path, const population *pop, int from, int to,
                      const char *parameters, bf_error *err)
{
    if (path == NULL) {
        int rc = situation_write(stdout, pop, from, to, parameters, err);
        if (rc == BF_OK && fflush(stdout) != 0)
            rc = bf_error_set(err, BF_EIO, NULL);
        return rc;
    }
    safe_file file;
    int rc = safe_file_create(&file, path, err);
    if (rc != BF_OK)
        return rc;
    FILE *out = fdopen(file.fd, "wb");
    if (out != NULL)
        file.fd = -1; /* the FILE owns it now */
    char *buffer = malloc(SITUATION_WRITE_BUFFER);
    if (out == NULL || buffer == NULL) {
        rc = bf_error_set(err, BF_EIO, BF_TR("无法写入 %s：%s", "cannot write %s: %s"), path,
                          strerror(out == NULL ? errno : ENOMEM));
        goto out;
    }
    setvbuf(out, buffer, _IOFBF, SITUATION_WRITE_BUFFER);
    rc = situation_write(out, pop, from, to, parameters, err);
    if (rc == BF_OK && (fflush(out) != 0 || fsync(fileno(out)) != 0))
        rc = bf_error_set(err, BF_EIO, BF_TR("无法写入 %s：%s", "cannot write %s: %s"), path,
                          strerror(errno));
out:
    if (out != NULL && fclose(out) != 0 && rc == BF_OK)
        rc = bf_error_set(err, BF_EIO, BF_TR("无法写入 %s：%s", "cannot write %s: %s"), path,
                          strerror(errno));
    free(buffer);
    if (rc == BF_OK)
        rc = safe_file_commit(&file, err);
    else
        safe_file_discard(&file);
    return rc;
}

int cmd_situation(cli_context *ctx, int argc, char **argv)
{
    int status = CLI_EXIT_FAILURE, force = 0;
    const char *out_path = NULL, *policies = NULL;
    cli_stored_options stored = {0};
    population *pop = NULL;
    policy_set *set = NULL;
    json_t *parameters = NULL;
    char *parameters_text = NULL;
    bf_error err;
    bf_error_clear(&err);
    for (int i = 1; i < argc;) {
        int found = cli_stored_option(argc, argv, &i, &stored);
        if (found == 0)
            found = cli_option_value(argc, argv, &i, "--out", &out_path);
        if (found == 0)
            found = cli_option_value(argc, argv, &i, "--policies", &policies);
        if (found == 0 && strcmp(argv[i], "--force") == 0) {
            force = 1;
            i++;
            continue;
        }
        if (found < 0 || found == 0) {
            status = cli_fail(
                CLI_EXIT_USAGE,
                found < 0 ? BF_TR("%s 缺少参数（用法：%s）", "%s needs a value (usage: %s)")
                          : BF_TR("多余的参数“%s”（用法：%s）", "unexpected '%s' (usage: %s)"),
                argv[i], SITUATION_USAGE);
            goto out;
        }
    }
    if (out_path != NULL && !force && cli_refuse_existing(out_path))
        goto out;
    char dir[POLICY_PATH_MAX];
    status = cli_load_policies(policies,
                               BF_TR("政策文件有错误，不写出", "the policy files have problems; "
                                                               "nothing written"),
                               &set, dir, sizeof dir);
    if (status != CLI_EXIT_OK)
        goto out;
    int from = 0, to = 0;
    status = cli_stored_read(ctx, &stored, &from, &to, &pop);
    if (status != CLI_EXIT_OK)
        goto out;
    status = CLI_EXIT_FAILURE;
    int rc = local_parameters_situation_json(ctx->store, set, &parameters, &err);
    if (rc == BF_OK) {
        parameters_text = json_dumps(parameters, JSON_COMPACT);
        if (parameters_text == NULL)
            rc = bf_error_set(&err, BF_ENOMEM, NULL);
    }
    if (rc == BF_OK)
        rc = write_file(out_path, pop, from, to, parameters_text, &err);
    if (rc != BF_OK) {
        cli_fail(CLI_EXIT_FAILURE, "%s", err.message[0] ? err.message : bf_strerror(rc));
        goto out;
    }
    status = CLI_EXIT_OK;
out:
    free(parameters_text);
    json_decref(parameters);
    population_free(pop);
    policy_set_free(set);
    return status;
}
