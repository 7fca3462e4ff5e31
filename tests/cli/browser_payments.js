// browser_payments.js URL CHECKOUT SHOTS PASSWORD - comparisons and payment batches from the
// web in Debian's chromium at phone width (375 px), driven by playwright-core (t1175): a 经办员
// starts a comparison of the county (every finding 新), starts it again on a later day (新 and
// 持续, those gone listed as 已解决), makes the payment batch of a month; a 审核员 approves it
// and downloads its bank file (the accounts in full, a total row), and the 经办员 uploads the
// bank's return.  A screenshot of each step goes to SHOTS as phone-payments-N-*.png; no
// console error (a CSP violation would be one).
"use strict";
const fs = require("fs");
const path = require("path");
const [url, checkout, shots, password] = process.argv.slice(2);
const { check, withPage, login: logIn, logout, main } = require("./browser_lib");

async function login(page, name) {
  await logIn(page, url, "compare", name, password);
  await page.getByRole("link", { name: "比对与支付" }).click();
  await page.getByRole("heading", { name: "名单比对与支付批次" }).waitFor();
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, "phone-payments-" + name + ".png"), fullPage: true });
}

// Starts a comparison of the insurance list on day; waits for its findings.
async function startComparison(page, day) {
  const before = page.url();
  await page.getByLabel("比对名单（本辖区）").selectOption("insurance");
  await page.getByLabel(/^比对日/).fill(day);
  await page.getByRole("button", { name: "开始比对" }).click();
  await page.waitForFunction((old) => location.href !== old && /#compare\/\d+$/.test(location.href), before);
  const run = page.url().match(/#compare\/(\d+)$/)[1];
  await page.getByRole("heading", { name: new RegExp("^比对 " + run + "（") }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll("#compare-findings tbody tr").length > 0);
  return page.locator("#compare-findings").innerText();
}

main(() => withPage(checkout, { viewport: { width: 375, height: 800 }, acceptDownloads: true }, "phone", async (page) => {

  // The clerk's comparison of the county: the first run finds everything new.
  await login(page, "clerk");
  const first = await startComparison(page, "2020-06-30");
  check(first.includes("新") && !first.includes("持续") && !first.includes("500101"),
    "the first run: all new, the county's only: " + first);
  check((await page.locator("#findings-previous").innerText()).includes("第一次比对"), "no earlier run said");
  await shot(page, "1-compare");
  // A year on: the same findings still there, the changes against the previous run.
  const second = await startComparison(page, "2035-03-10");
  check(second.includes("持续"), "the second run marks what is still there: " + second);
  check((await page.locator("#findings-previous").innerText()).includes("上一次"), "the previous run named");
  await page.getByLabel("范围").selectOption("resolved");
  await page.waitForFunction(() => /已解决|无记录/.test(document.querySelector("#compare-findings").innerText));
  await shot(page, "2-compare-changes");

  // The batch of February 2020 of the county, waiting for another's approval.
  await page.getByLabel("批次月份").fill("2020-02");
  await page.getByRole("button", { name: "生成本辖区本月支付批次" }).click();
  await page.getByText(/已生成批次 \d+：\d+ 笔/).waitFor();
  const made = await page.locator("#batch-status").innerText();
  const batch = made.match(/已生成批次 (\d+)/)[1];
  const row = page.locator("#batches-table tbody tr", { hasText: "待审核" });
  await row.first().waitFor();
  check(await page.getByRole("button", { name: /审核通过批次/ }).count() === 0, "a clerk approves nothing");
  await shot(page, "3-batch-made");
  await logout(page);

  // The reviewer approves it and downloads its bank file.
  await login(page, "reviewer");
  check(await page.locator("#notice").isHidden(), "the clerk's notice is not the reviewer's");
  await page.getByLabel("批次月份").fill("2020-02");
  await page.getByRole("button", { name: "查看批次" }).click();
  await page.getByRole("button", { name: "审核通过批次 " + batch }).click();
  await page.getByText("批次 " + batch + " 已审核").waitFor();
  await page.getByRole("button", { name: "下载批次 " + batch + " 的银行代发文件 csv" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "保存 银行代发文件_批次" + batch + ".csv" }).click();
  const saved = await download;
  const bank = fs.readFileSync(await saved.path(), "utf8");
  // The name the browser saves it under, not only the link's attribute.
  check(saved.suggestedFilename() === "银行代发文件_批次" + batch + ".csv",
    "its name: " + saved.suggestedFilename());
  check(bank.includes("序号") && bank.includes("合计") && /\d{16,}/.test(bank), "the bank file: " + bank);
  await shot(page, "4-batch-approved");
  await logout(page);

  // The clerk uploads the bank's return: the first payment paid.
  const first_payment = bank.split(/\r?\n/)[1].split(",");
  await login(page, "clerk");
  await page.getByLabel(/^回盘文件/).setInputFiles({ name: "回盘.csv", mimeType: "text/csv",
    buffer: Buffer.from("银行账号,金额,结果,原因\n" + first_payment[3] + "," + first_payment[5] + ",成功,\n") });
  await page.getByRole("button", { name: "导入回盘" }).click();
  await page.getByText(/回盘 回盘\.csv：读入 1 行，成功 1/).waitFor();
  await shot(page, "5-return");
  await logout(page);
}));
