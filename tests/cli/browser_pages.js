// browser_pages.js URL CHECKOUT SHOTS PASSWORD WIDTH LABEL NAME - the pages beyond people in
// Debian's chromium, driven by playwright-core (t1150): a clerk runs the ledger of a month,
// imports a file with a row in error (and downloads the error file), runs the calculator of
// the person NAME; a reviewer approves the run (the server refuses its runner: four eyes),
// shows 附件1 and downloads its XLSX, and opens the dashboard's ECharts charts; the clerk
// sets a local parameter (a refused value first) and records a carrier decision (refused,
// then as an exception), and the reviewer sees the comparisons, batches, projects and posts; a
// screenshot of each step goes to SHOTS as LABEL-pages-N-*.png.
"use strict";
const path = require("path");
const [url, checkout, shots, password, width, label, calcName] = process.argv.slice(2);
const { check, withPage, login: logIn, logout, main } = require("./browser_lib");

// The ID number of 17 digits with its check character (GB 11643).
function idNumber(digits) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...digits].reduce((total, d, i) => total + Number(d) * weights[i], 0);
  return digits + "10X98765432"[sum % 11];
}

async function login(page, name) {
  await logIn(page, url, "ledger", name, password);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, label + "-pages-" + name + ".png"), fullPage: true });
}

main(() => withPage(checkout, { viewport: { width: Number(width), height: 800 } }, label, async (page) => {

  // The clerk runs May 2020 over the county; the run's lines are listed, pending.
  await login(page, "clerk");
  await page.getByRole("link", { name: "台账审核" }).click();
  await page.getByRole("heading", { name: "台账审核" }).waitFor();
  await page.getByLabel("月份", { exact: true }).fill("2020-05");
  await page.getByRole("button", { name: "运行本月台账" }).click();
  await page.getByText(/已运行批次 \d+/).waitFor();
  await page.getByRole("heading", { name: /批次 \d+ 的台账行/ }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll("#ledger-lines tbody tr").length > 0);
  const lines = await page.locator("#ledger-lines tbody tr").count();
  check(lines > 0, label + ": the run's lines listed");
  const listed = await page.locator("#ledger-lines").innerText();
  check(listed.includes("待审核") && listed.includes("********"), label + ": pending, masked: " + listed);
  check(await page.locator("#review-form").isHidden(), label + ": no review form for a clerk");
  await shot(page, "1-ledger-run");

  // An import with a row in error: the counts, and the error file to download.
  await page.getByRole("link", { name: "导入" }).click();
  await page.getByLabel("名单种类").selectOption("people");
  const header = "姓名,证件号码,性别,户籍地区划代码,户编号,与户主关系,帮扶类别";
  const id = idNumber("50010119900101123");
  const rows = [header, "刘新," + id + ",男,500101000000,,户主,脱贫享受政策人口",
    "错行," + id + ",男,999999,,户主,脱贫享受政策人口"];
  await page.getByLabel(/^文件/).setInputFiles({ name: "名单.csv", mimeType: "text/csv",
    buffer: Buffer.from(rows.join("\n") + "\n") });
  await page.getByRole("button", { name: "上传并导入" }).click();
  await page.getByText("导入完成：名单.csv").waitFor();
  const counts = await page.locator("#import-counts").innerText();
  check(/新增\s*1/.test(counts) && /未导入（见错误文件）\s*1/.test(counts), label + ": import counts: " + counts);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /下载错误文件/ }).click();
  const errorsSaved = await download;
  check(errorsSaved.suggestedFilename() === "名单.错误行.csv",
    label + ": the error file's name: " + errorsSaved.suggestedFilename());
  const errorsFile = await errorsSaved.path();
  const errorsText = require("fs").readFileSync(errorsFile, "utf8");
  check(errorsText.includes("999999"), label + ": the error file: " + errorsText);
  await shot(page, "2-import");

  // The calculator of a person of the ledger: 为什么 and 为什么没有.
  await page.getByRole("link", { name: "查找人员" }).click();
  await page.getByLabel("姓名或证件号码").fill(calcName);
  await page.getByRole("button", { name: "查找" }).click();
  await page.getByRole("link", { name: calcName }).first().click();
  await page.getByRole("link", { name: /计算待遇/ }).click();
  await page.getByLabel("起始月份").fill("2020-01");
  await page.getByLabel("截止月份").fill("2020-12");
  await page.getByRole("button", { name: "计算" }).click();
  await page.waitForFunction(() => document.querySelectorAll("#calc-why tbody tr").length > 0);
  const why = await page.locator("#calc-why").innerText();
  const whyNot = await page.locator("#calc-why-not").innerText();
  check(why.includes("元") && whyNot.includes("不满足"), label + ": why / why not: " + why + whyNot);
  await shot(page, "3-calc");

  // A local parameter: a value its unit refuses is named in Chinese, a right one is stored.
  await page.getByRole("link", { name: "地方参数" }).click();
  await page.getByRole("heading", { name: "设置参数取值" }).waitFor();
  await page.getByLabel("参数名称", { exact: true }).fill("min_wage");
  await page.getByLabel("起始日期", { exact: true }).fill("2020-01-01");
  await page.getByLabel(/^取值/).fill("一千");
  await page.getByRole("button", { name: "保存" }).click();
  await page.locator("#param-error").filter({ hasText: "元金额" }).waitFor();
  check(await page.getByLabel(/^取值/).evaluate((n) => n === document.activeElement), label + ": the field focused");
  await page.getByLabel(/^取值/).fill("1800");
  await page.getByRole("button", { name: "保存" }).click();
  await page.getByText(/已保存 #\d+：min_wage/).waitFor();
  await page.locator("#params-table").filter({ hasText: "1800.00 元/月" }).waitFor();
  await shot(page, "7-params");

  // The carriers of the county; one organisation's 认定 needs an exception (no rule holds).
  await page.getByRole("link", { name: "单位与载体" }).click();
  await page.getByRole("button", { name: "查看名录" }).click();
  await page.locator("#orgs-table").filter({ hasText: "单位local" }).waitFor();
  const orgCode = (await page.locator("#orgs-table tbody tr", { hasText: "单位local" }).locator("a").innerText()).trim();
  await page.getByRole("link", { name: orgCode }).click();
  await page.getByRole("heading", { name: "单位local（" + orgCode + "）" }).waitFor();
  await page.getByLabel("载体类型", { exact: true }).fill("扶贫车间");
  await page.getByLabel("决定日期", { exact: true }).fill("2020-05-01");
  await page.getByLabel("文号", { exact: true }).fill("万人社〔2020〕5号");
  await page.getByLabel("决定机关", { exact: true }).fill("万州区人社局");
  await page.getByRole("button", { name: "登记" }).click();
  await page.locator("#org-error").filter({ hasText: "不予认定" }).waitFor();
  await page.getByLabel(/^例外理由/).fill("脱贫攻坚试点");
  await page.getByRole("button", { name: "登记" }).click();
  await page.getByText(/已登记决定（批次 \d+），作为例外：脱贫攻坚试点/).waitFor();
  await page.locator("#org-decisions").filter({ hasText: "万人社〔2020〕5号" }).waitFor();
  await shot(page, "8-orgs");
  await logout(page);

  // The reviewer approves the run.
  await login(page, "reviewer");
  await page.getByRole("link", { name: "台账审核" }).click();
  await page.getByLabel("月份", { exact: true }).fill("2020-05");
  await page.getByRole("button", { name: "查看批次" }).click();
  await page.getByRole("link", { name: /批次 \d+/ }).first().click();
  await page.getByLabel("审核意见").fill("核实无误");
  await page.getByRole("button", { name: "审核通过" }).click();
  await page.getByText("已审核通过 " + lines + " 行").waitFor();
  await page.waitForFunction(() => !document.querySelector("#ledger-lines").innerText.includes("待审核"));
  const approved = await page.locator("#ledger-lines").innerText();
  check(approved.includes("已审核") && !approved.includes("待审核"), label + ": approved: " + approved);
  await shot(page, "4-ledger-approved");
  const xlsx = await page.getByRole("link", { name: "下载 XLSX" }).getAttribute("href");
  check(/^\/api\/ledger\/export\?run=\d+$/.test(xlsx), label + ": download link " + xlsx);

  // 附件1 of the county for a quarter, and its XLSX downloaded.
  await page.getByRole("link", { name: "报表" }).click();
  await page.getByLabel(/季度/).fill("2020Q2");
  await page.getByRole("button", { name: "查看报表" }).click();
  await page.getByRole("rowheader", { name: "万州区", exact: true }).waitFor();
  const report = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载 XLSX" }).last().click();
  const reportSaved = await report;
  check(reportSaved.suggestedFilename() === "附件1_2020Q2.xlsx",
    label + ": the report's name: " + reportSaved.suggestedFilename());
  const reportFile = await reportSaved.path();
  check(require("fs").readFileSync(reportFile).subarray(0, 2).toString() === "PK", label + ": the XLSX");
  await shot(page, "5-report");

  // The dashboard: ECharts draws the year's charts.
  await page.getByRole("link", { name: "统计图" }).click();
  await page.getByLabel("年份").fill("2020");
  await page.getByRole("button", { name: "查看" }).click();
  await page.waitForFunction(() => document.querySelectorAll("#view-dashboard canvas").length >= 3);
  const employed = await page.locator("#dashboard-table").textContent();
  check(employed.includes("本县就业"), label + ": the chart's table: " + employed);
  await shot(page, "6-dashboard");

  // The comparisons and the payment batches: a run's findings of the county, masked.
  await page.getByRole("link", { name: "比对与支付" }).click();
  await page.getByRole("link", { name: /比对 \d+/ }).first().click();
  await page.getByRole("heading", { name: /比对 \d+（社保名单/ }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll("#compare-findings tbody tr").length > 0);
  const findings = await page.locator("#compare-findings").innerText();
  check(findings.includes("********") && !findings.includes("370811"), label + ": findings: " + findings);
  await page.getByLabel("发现类型").selectOption("registry_only");
  await page.locator("#compare-findings").filter({ hasText: "仅在登记中" }).waitFor();
  await shot(page, "9-compare");

  // The projects and posts of the county.
  await page.getByRole("link", { name: "项目与岗位" }).click();
  await page.locator("#posts-table").filter({ hasText: /岗位编号|没有公益性岗位/ }).waitFor();
  await page.locator("#projects-table").filter({ hasText: /项目名称|没有项目/ }).waitFor();
  await shot(page, "10-projects");
  await logout(page);
}));
