import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Where `npm run dev` sends API and hub requests: the API that build/run.sh serves, unless told otherwise.
const apiUrl = process.env.TASKORCH_API_URL ?? "http://127.0.0.1:5080";

export default defineConfig({
  // The API serves the built app under /app (WebApp:Path); every asset address is built for it.
  base: "/app/",
  plugins: [react()],
  build: {
    outDir: "dist",
    sourcemap: true,
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    // The app calls the API on its own origin, in development too: no CORS to configure, same code as in production.
    proxy: {
      "/api": { target: apiUrl, changeOrigin: true },
      "/hubs": { target: apiUrl, changeOrigin: true, ws: true },
    },
    fs: {
      // The generated client is a linked package beside this one (file:../typescript).
      allow: [".", "../typescript"],
    },
  },
});
