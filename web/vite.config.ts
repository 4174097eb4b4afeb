// Builds the dashboard into web/dist; the Lodestone server serves it and its API from one origin.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { "/epcis": "http://127.0.0.1:8080", "/summary": "http://127.0.0.1:8080" } },
});
