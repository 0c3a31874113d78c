// A child process standing in for one instance of the redrive function: it loads the built bundle named
// by BUNDLE with the environment it was given, and on each "run" calls its handler as EventBridge's
// schedule does (an object event, a Lambda context that tells the time left), reporting the summary.
// Asked "parsers", it says which of the build's parser files (parsers/ beside the bundle) it has loaded.
const { dirname, join } = require("node:path");
const { handler } = require(process.env.BUNDLE);
const parsersDir = join(dirname(require.resolve(process.env.BUNDLE)), "parsers");

const scheduled = () => ({ version: "0", "detail-type": "Scheduled Event", source: "aws.events", time: new Date().toISOString(), detail: {} });

process.on("message", async (message) => {
  if (message.type === "parsers") {
    const loaded = Object.keys(require.cache).filter((file) => dirname(file) === parsersDir);
    return void process.send({ type: "parsers", files: loaded.map((file) => file.slice(parsersDir.length + 1)).sort() });
  }
  if (message.type !== "run") return;
  const deadline = Date.now() + message.ms;
  const report = await handler(scheduled(), { awsRequestId: `child-${process.pid}`, getRemainingTimeInMillis: () => deadline - Date.now() });
  process.send({ type: "report", report });
});
process.send({ type: "ready" });
