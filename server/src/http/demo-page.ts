/**
 * A stand-in for a customer's website: ordinary page content with the widget embedded
 * by its one script tag, exactly as a site owner would paste it.
 */
export function demoPage(siteKey: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>云杉商店 Spruce Store — Switchboard demo</title>
<style>
  body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2933; background: #f7f7f2; }
  header { background: #234e52; color: #fff; padding: 20px 32px; }
  main { max-width: 760px; margin: 32px auto; padding: 0 24px; }
  .card { background: #fff; border-radius: 12px; padding: 20px 24px; margin-bottom: 16px;
    box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  code { background: #eef2f1; padding: 2px 6px; border-radius: 4px; }
</style>
</head>
<body>
<header><h1>云杉商店 · Spruce Store</h1><p>Switchboard demo host page / 演示页面</p></header>
<main>
  <div class="card">
    <h2>有问题？我们在线 · Questions? We're online</h2>
    <p>点击右下角的聊天按钮，选择咨询类型，客服会马上回复。</p>
    <p>Open the chat bubble at the bottom right, pick a topic, and an agent will answer.
    Agents sign in at <a href="/console/">/console/</a>.</p>
  </div>
  <div class="card">
    <h2>Embed it on your site · 嵌入你的网站</h2>
    <p><code>&lt;script src="https://your-hub.example/widget.js" data-site="${siteKey}" async&gt;&lt;/script&gt;</code></p>
  </div>
</main>
<script src="/widget.js" data-site="${siteKey}" async></script>
</body>
</html>`;
}
