import { gru } from "../../../src/ml/models/gru.js";
import { TINY } from "../synthetic-series.js";
import { describeNetworkDayAhead } from "./network-checks.js";

// gru is day-ahead only: the last 168 h of load are its second input
describeNetworkDayAhead(gru, TINY.gru, "load_sequence_t-168..t-1/level");
