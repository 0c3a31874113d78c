// A child process standing in for one function instance: it loads the built bundle named by BUNDLE
// with the environment it was given, warms up on one request, then on "go" fires the same event
// `count` times at once and reports every answer.
const { handler } = require(process.env.BUNDLE);

const call = (event) => handler(Buffer.from(event, "base64"), { requestId: "child", function: { timeout: 60 } });

process.on("message", async (message) => {
  if (message.type === "warm") {
    await call(message.event);
    process.send({ type: "warm" });
  } else if (message.type === "go") {
    const answers = await Promise.all(Array.from({ length: message.count }, () => call(message.event)));
    process.send({ type: "done", answers: answers.map((a) => ({ status: a.statusCode, body: a.body })) }, () => process.exit(0));
  }
});
process.send({ type: "ready" });
