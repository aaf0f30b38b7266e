/** The JUnit 5 extension used the way a user's test uses it; the README shows {@code SlowServiceTest} whole. */
package dev.synack.junit;
