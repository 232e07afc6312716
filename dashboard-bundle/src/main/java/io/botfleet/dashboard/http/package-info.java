/** Serves the dashboard's static files at {@code /ui} through the HTTP whiteboard. */
package io.botfleet.dashboard.http;
