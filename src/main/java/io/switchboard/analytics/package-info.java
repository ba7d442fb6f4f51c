/** The CEO's view of a period: outcomes, conversion and no-show rates, loss reasons and reps. */
package io.switchboard.analytics;
