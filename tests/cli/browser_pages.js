// browser_pages.js URL CHECKOUT SHOTS PASSWORD WIDTH LABEL - the pages beyond people in
// Debian's chromium, driven by playwright-core (t1150): a clerk runs the ledger of a month,
// a reviewer approves the run (the clerk cannot: four eyes); a screenshot of each step goes
// to SHOTS as LABEL-pages-N-*.png.
"use strict";
const path = require("path");
const [url, checkout, shots, password, width, label] = process.argv.slice(2);
const { chromium } = require(path.join(checkout, "node_modules", "playwright-core"));

function check(condition, message) {
  if (!condition) throw new Error("FAIL: " + message);
}

async function login(page, name) {
  await page.goto(url + "/#ledger");
  await page.getByLabel("用户名").fill(name);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByRole("heading", { name: "查找人员" }).waitFor();
}

async function logout(page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.getByRole("heading", { name: "登录" }).waitFor();
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, label + "-pages-" + name + ".png"), fullPage: true });
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: Number(width), height: 800 } });
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));

    // The clerk runs May 2020 over the county; the run's lines are listed, pending.
    await login(page, "clerk");
    await page.getByRole("link", { name: "台账审核" }).click();
    await page.getByRole("heading", { name: "台账审核" }).waitFor();
    await page.getByLabel("月份").fill("2020-05");
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
    await logout(page);

    // The reviewer approves the run.
    await login(page, "reviewer");
    await page.getByRole("link", { name: "台账审核" }).click();
    await page.getByLabel("月份").fill("2020-05");
    await page.getByRole("button", { name: "查看批次" }).click();
    await page.getByRole("link", { name: /批次 \d+/ }).first().click();
    await page.getByLabel("审核意见").fill("核实无误");
    await page.getByRole("button", { name: "审核通过" }).click();
    await page.getByText("已审核通过 " + lines + " 行").waitFor();
    await page.waitForFunction(() => !document.querySelector("#ledger-lines").innerText.includes("待审核"));
    const approved = await page.locator("#ledger-lines").innerText();
    check(approved.includes("已审核") && !approved.includes("待审核"), label + ": approved: " + approved);
    await shot(page, "2-ledger-approved");
    const xlsx = await page.getByRole("link", { name: "下载 XLSX" }).getAttribute("href");
    check(/^\/api\/ledger\/export\?run=\d+$/.test(xlsx), label + ": download link " + xlsx);
    await logout(page);
    check(errors.length === 0, label + ": console errors (CSP?): " + errors.join(" | "));
  } finally {
    await browser.close();
  }
  console.log("ok");
})().catch((e) => { console.error(e.message || e); process.exit(1); });
