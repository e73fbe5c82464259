import {
  type DeploymentEnvironment,
  type DeploymentMode,
  MlDeploymentsService,
  MlModelsService,
  type ModelAlias,
} from "@quant-platform/client";

import { field, fmt, h, link, replace, table, when } from "../dom";
import { attempt } from "../problem";

/** Metrics as "name value" lines; a group of metrics (an object) is flattened with its name first. */
function metricsList(metrics: Record<string, unknown>): HTMLElement {
  const lines = Object.entries(metrics).flatMap(([key, value]) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.entries(value).map(([inner, v]): [string, unknown] => [`${key}.${inner}`, v])
      : [[key, value] as [string, unknown]],
  );
  return h("ul.metrics", null, lines.map(([key, value]) => h("li", null, h("span.muted", null, key), " ", fmt(value, 3))));
}

export async function modelsView(root: HTMLElement): Promise<void> {
  const { data } = await MlModelsService.listModels({ query: { limit: 200 } });
  replace(
    root,
    h("h1", null, "ML models"),
    table(
      data.items,
      {
        Name: (m) => link(`#/models/${encodeURIComponent(m.name)}`, m.name),
        Status: (m) => m.status,
        "Latest version": (m) => m.latest_version,
        Aliases: (m) => Object.entries(m.aliases).map(([a, v]) => `${a} → v${v}`).join(", "),
        Description: (m) => m.description,
        Updated: (m) => when(m.updated_at),
      },
      "No models yet: train one through the API (ML Experiments), then register its versions here.",
    ),
  );
}

export async function modelView(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const name = params.name ?? "";
  const errors = h("div");
  const load = async () => {
    const [{ data: model }, { data: versions }, { data: deployments }] = await Promise.all([
      MlModelsService.getModel({ path: { name } }),
      MlModelsService.listVersions({ path: { name } }),
      MlDeploymentsService.listDeployments({ path: { name } }),
    ]);
    const alias = h("select", { name: "alias" }, ["champion", "challenger"].map((a) => h("option", { value: a }, a))) as HTMLSelectElement;
    const versionSelect = () =>
      h("select", { name: "version" }, versions.map((v) => h("option", { value: v.version }, `v${v.version}`))) as HTMLSelectElement;
    const version = versionSelect();
    const deployVersion = versionSelect();
    const environment = h("select", { name: "environment" }, ["staging", "production"].map((e) => h("option", { value: e }, e))) as HTMLSelectElement;
    const mode = h("select", { name: "mode" }, ["active", "canary", "shadow"].map((m) => h("option", { value: m }, m))) as HTMLSelectElement;
    const traffic = h("input", { name: "traffic_percent", type: "number", min: 1, max: 99, value: 10 }) as HTMLInputElement;
    const deploy = (event: Event) => {
      event.preventDefault();
      void act(() =>
        MlDeploymentsService.deploy({
          path: { name },
          body: {
            version: Number(deployVersion.value),
            environment: environment.value as DeploymentEnvironment,
            mode: mode.value as DeploymentMode,
            ...(mode.value === "canary" ? { traffic_percent: Number(traffic.value) } : {}),
          },
        }),
      );
    };
    const act = async (action: () => Promise<unknown>) => {
      if (await attempt(errors, action)) await load();
    };
    replace(
      root,
      h("h1", null, model.name),
      h("p.muted", null, [model.status, model.description].filter(Boolean).join("; ")),
      errors,
      h(
        "section",
        { "data-testid": "aliases" },
        h("h2", null, "Aliases"),
        table(Object.entries(model.aliases), {
          Alias: ([a]) => a,
          Version: ([, v]) => `v${v}`,
          "": ([a]) =>
            h("button.link", { type: "button", on: { click: () => void act(() => MlModelsService.removeAlias({ path: { name, alias: a as ModelAlias } })) } }, "Remove"),
        }, "No alias set."),
        versions.length
          ? h(
              "form.inline",
              {
                on: {
                  submit: (event: Event) => {
                    event.preventDefault();
                    void act(() =>
                      MlModelsService.setAlias({ path: { name, alias: alias.value as ModelAlias }, body: { version: Number(version.value) } }),
                    );
                  },
                },
              },
              field("Alias", alias),
              field("Version", version),
              h("button", { type: "submit" }, "Point alias"),
              h("button", { type: "button", on: { click: () => void act(() => MlModelsService.promote({ path: { name } })) } }, "Promote challenger"),
            )
          : null,
      ),
      h(
        "section",
        { "data-testid": "versions" },
        h("h2", null, "Versions"),
        table(versions, {
          Version: (v) => `v${v.version}`,
          Status: (v) => v.status,
          Algorithm: (v) => v.algorithm,
          Target: (v) => v.target,
          Interval: (v) => v.interval,
          Features: (v) => v.feature_refs.join(", "),
          Metrics: (v) => metricsList(v.metrics),
          Created: (v) => when(v.created_at),
        }),
      ),
      h(
        "section",
        { "data-testid": "deployments" },
        h("h2", null, "Deployments"),
        table(deployments, {
          Version: (d) => `v${d.version}`,
          Environment: (d) => d.environment,
          Status: (d) => d.status,
          Traffic: (d) => `${d.traffic_percent} %`,
          Updated: (d) => when(d.updated_at),
          "": (d) =>
            d.status === "inactive"
              ? ""
              : h(
                  "button.link",
                  { type: "button", on: { click: () => void act(() => MlDeploymentsService.stopDeployment({ path: { name, deployment_id: d.id } })) } },
                  "Stop",
                ),
        }, "Not deployed."),
        versions.length
          ? h(
              "form.inline",
              { on: { submit: deploy } },
              field("Version", deployVersion),
              field("Environment", environment),
              field("Mode", mode),
              field("Canary traffic %", traffic),
              h("button", { type: "submit" }, "Deploy"),
            )
          : null,
      ),
    );
  };
  await load();
}
