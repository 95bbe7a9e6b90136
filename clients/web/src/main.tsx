import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { trackInputModality } from "./app/inputModality";
import "./styles.css";

const root = document.getElementById("root");
if (!root) {
  throw new Error("index.html has no #root element.");
}
trackInputModality();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
