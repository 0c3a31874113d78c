import { defineRedrive } from "../../shared/redrive/function";
import { FUNCTION_SPECS } from "./functions";

/**
 * Called by a timer (s.yaml's timer trigger, serverless.yml's schedule): each run redrives the dead
 * letters that are due through the functions that received them, and logs one "redrive run" line.
 */
export const handler = defineRedrive(FUNCTION_SPECS);
