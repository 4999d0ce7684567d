// Entry point of `npm run server [-- <command>]`: no command starts the server, otherwise the admin CLI.
import { runCli } from './cli.ts';
import { readEnv } from './env.ts';
import { startServer } from './serve.ts';

const argv = process.argv.slice(2);
const env = readEnv();
if (argv.length === 0 || argv[0] === 'serve') {
  startServer(env).catch((e: unknown) => {
    process.stderr.write(`Failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
} else {
  process.exitCode = await runCli(env, argv);
}
