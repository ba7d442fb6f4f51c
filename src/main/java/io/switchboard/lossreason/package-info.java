/** Reasons a deal was lost, chosen by reps when they log a lost call. */
package io.switchboard.lossreason;
