// browser_lib.js - what the browser tests (browser_ui.js, browser_pages.js, browser_payments.js)
// share: Debian's chromium driven by playwright-core, a page that fails the test when it logs
// an error (a refusal of the Content-Security-Policy shows there), logging in and out.
"use strict";
const path = require("path");

function check(condition, message) {
  if (!condition) throw new Error("FAIL: " + message);
}

// Runs steps(page) on a new page (pageOptions: viewport, acceptDownloads) of a new chromium,
// then checks that the page logged no error; label starts that failure's message.
async function withPage(checkout, pageOptions, label, steps) {
  const { chromium } = require(path.join(checkout, "node_modules", "playwright-core"));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    // The tests run under LANG=zh_CN.UTF-8, which Debian need not have generated: in the C
    // locale it falls back to, chromium names every download with Chinese in its name
    // "download".  A user's browser runs in a UTF-8 locale; C.UTF-8 always exists.
    env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" },
  });
  const errors = [];
  try {
    const page = await browser.newPage(pageOptions);
    // The refused requests the steps make on purpose (401, 400) are logged too: kept out.
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    await steps(page);
    check(errors.length === 0, label + ": console errors (CSP?): " + errors.join(" | "));
  } finally {
    await browser.close();
  }
}

// Logs in as name at url's page #hash and waits for the search page that opens first.
async function login(page, url, hash, name, password) {
  await page.goto(url + "/#" + hash);
  await page.getByLabel("用户名").fill(name);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByRole("heading", { name: "查找人员" }).waitFor();
}

async function logout(page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.getByRole("heading", { name: "登录" }).waitFor();
}

// Runs the test body: "ok" when it ends, its message and exit status 1 when it throws.
function main(body) {
  body().then(() => console.log("ok")).catch((e) => { console.error(e.message || e); process.exit(1); });
}

module.exports = { check, withPage, login, logout, main };
