// What the browser tests find already made, through the generated client: a prompt version waiting for
// review (the user's) and a registered ML model (features, materialization, experiment, version).
import {
  type createClient,
  FeaturesService,
  MlExperimentsService,
  MlModelsService,
  PromptGovernanceService,
  SystemService,
  type TaskAccepted,
} from "@quant-platform/client";

import { MODEL, PROMPT } from "./accounts";

type Client = ReturnType<typeof createClient>;

const FEATURES = [
  { name: "ret1", transformation: "returns" as const },
  { name: "vol10", transformation: "rolling_volatility" as const, params: { window: 10 } },
  { name: "rsi14", transformation: "rsi" as const },
];

async function finished(client: Client, accepted: TaskAccepted): Promise<string> {
  for (let i = 0; i < 1200; i++) {
    const { data } = await SystemService.getTask({ client, path: { task_id: accepted.task_id } });
    if (data.status === "completed") return accepted.resource_id ?? "";
    if (data.status === "failed" || data.status === "cancelled") throw new Error(`task ${JSON.stringify(data)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`task ${accepted.task_id} did not finish`);
}

export async function seed(user: Client): Promise<void> {
  await PromptGovernanceService.createPrompt({ client: user, body: PROMPT });
  await PromptGovernanceService.submitPromptVersion({ client: user, path: { name: PROMPT.name, version: 1 } });

  const start = new Date(Date.now() - 400 * 86_400_000).toISOString();
  for (const feature of FEATURES) await FeaturesService.createFeature({ client: user, body: feature });
  const names = FEATURES.map((f) => f.name);
  const symbols = ["AAPL", "MSFT"];
  const { data: materializing } = await FeaturesService.materializeFeatures({
    client: user,
    body: { features: names, symbols, start },
  });
  await finished(user, materializing);
  const { data: training } = await MlExperimentsService.createExperiment({
    client: user,
    body: { name: "console", features: names, symbols, start, n_splits: 3 },
  });
  const experiment = await finished(user, training);
  await MlModelsService.registerVersion({ client: user, path: { name: MODEL }, body: { experiment_id: experiment } });
}
