/**
 * OpenTelemetry export to Application Insights, switched on by its connection string.
 *
 * @remarks
 * It must start before the HTTP and database modules load so their instrumentation can hook
 * them; the server entry point therefore starts it first and loads everything else afterwards.
 * Request and dependency telemetry carry no message content: Spotter never puts user text into
 * span names or attributes, and logs go to stdout through pino with content redacted.
 */
import { useAzureMonitor, shutdownAzureMonitor } from '@azure/monitor-opentelemetry';

/** Starts exporting traces and metrics; returns a function that flushes and stops it. */
export function startTelemetry(connectionString: string): () => Promise<void> {
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    instrumentationOptions: { http: { enabled: true }, azureSdk: { enabled: true } },
  });
  return () => shutdownAzureMonitor();
}
