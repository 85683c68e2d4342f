/**
 * Builds the Office add-in's web part (the yo office React template's layout):
 *   taskpane.html  ← src/taskpane/index.tsx   (React + Fluent UI v9)
 *   commands.html  ← src/commands/commands.ts (ribbon function file)
 *   dialog.html, support.html, assets/, manifest.xml copied as they are.
 *
 *   npx webpack --mode production            → dist/ (works offline)
 *   npx webpack serve --mode development     → https://localhost:3000 with office-addin-dev-certs
 *   npx webpack --mode development --env e2e [--env outDir=dir]
 *       → taskpane.e2e.html for the Chromium test (test/e2e): the fake Excel host from
 *         test/support/fakeExcel is installed as Office/Excel before the pane boots, and
 *         office.js is not loaded from the CDN.
 *   --env url=https://host/path/  rewrites the manifest's https://localhost:3000/ URLs in the copy.
 *
 * TypeScript goes through ts-loader with `module: "es2020"` so webpack can tree-shake;
 * tsconfig.json itself stays CommonJS for jest and the command line.
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_URL = "https://localhost:3000/";

async function getHttpsOptions() {
  // Only when serving: creating or reading the dev certificate must not be needed to build.
  const devCerts = require("office-addin-dev-certs");
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

function tsRule() {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: "ts-loader",
      options: {
        configFile: path.resolve(__dirname, "tsconfig.json"),
        // Type-check only what the bundle contains (npm run typecheck covers the rest).
        onlyCompileBundledFiles: true,
        compilerOptions: { module: "es2020", moduleResolution: "node", sourceMap: true },
      },
    },
  };
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const e2e = Boolean(env.e2e);
  const outDir = path.resolve(__dirname, env.outDir || (e2e ? "test-artifacts/e2e-dist" : "dist"));
  const prodUrl = typeof env.url === "string" ? env.url.replace(/\/?$/, "/") : null;

  const entry = e2e
    ? {
        // The harness installs the fake host first; the pane's own entry then boots unchanged.
        "taskpane.e2e": ["./test/e2e/harness/installFake.ts", "./src/taskpane/index.tsx"],
      }
    : {
        taskpane: "./src/taskpane/index.tsx",
        commands: "./src/commands/commands.ts",
      };

  const pages = e2e
    ? [
        new HtmlWebpackPlugin({
          filename: "taskpane.e2e.html",
          template: "./src/taskpane/taskpane.html",
          chunks: ["taskpane.e2e"],
          loadOfficeJs: false,
        }),
      ]
    : [
        new HtmlWebpackPlugin({
          filename: "taskpane.html",
          template: "./src/taskpane/taskpane.html",
          chunks: ["taskpane"],
          loadOfficeJs: true,
        }),
        new HtmlWebpackPlugin({
          filename: "commands.html",
          template: "./src/commands/commands.html",
          chunks: ["commands"],
        }),
      ];

  const copies = [{ from: "assets/*.png", to: "assets/[name][ext]" }];
  if (!e2e) {
    copies.push(
      { from: "src/commands/dialog.html", to: "dialog.html" },
      { from: "src/taskpane/support.html", to: "support.html" },
      {
        from: "manifest.xml",
        to: "manifest.xml",
        transform: (content) => (prodUrl ? content.toString().split(DEV_URL).join(prodUrl) : content),
      },
    );
  }

  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    entry,
    output: {
      path: outDir,
      filename: "[name].js",
      // Lazy chunks load from beside taskpane.js; without this webpack's runtime probes for its
      // own URL with importScripts, a network API the no-network check rightly refuses.
      publicPath: "",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".jsx"],
    },
    module: {
      rules: [tsRule()],
    },
    plugins: [...pages, new CopyWebpackPlugin({ patterns: copies })],
    performance: {
      // React + Fluent UI in one bundle; the pane is loaded from localhost or the add-in's host once.
      maxAssetSize: 2_000_000,
      maxEntrypointSize: 2_000_000,
      hints: dev ? false : "warning",
    },
    infrastructureLogging: { level: "warn" },
    devServer: {
      hot: true,
      static: { directory: outDir },
      headers: { "Access-Control-Allow-Origin": "*" },
      // Office only loads add-ins over https: the trusted localhost certificate of office-addin-dev-certs.
      server: env.WEBPACK_SERVE ? { type: "https", options: await getHttpsOptions() } : undefined,
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
    },
    stats: { preset: "errors-warnings", assets: true },
  };
};
