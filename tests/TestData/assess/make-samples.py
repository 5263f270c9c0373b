#!/usr/bin/env python3
"""Writes the sample snapshots of hand-made clusters (no pmctl labels anywhere) that the assess tests read.

bare-cluster.json   a new managed cluster: nodes, kube-system, nothing else (below Level 1)
level2-cluster.yaml a cluster a team built by hand to Level 2 (one `kubectl get ... -o yaml` List)
level4-cluster/     a Level 4-ish cluster dumped with the README's per-resource commands, where the identity
                    could not list PeerAuthentications (a .error file): "at least Level 3, up to Level 4"
Run it from this folder; the files are committed, so tests never run it.
"""
import json, os, shutil, zlib

def obj(api, kind, name, ns=None, labels=None, annotations=None, **body):
    md = {"name": name}
    if ns: md["namespace"] = ns
    if labels: md["labels"] = labels
    if annotations: md["annotations"] = annotations
    md["uid"] = f"00000000-0000-0000-0000-{zlib.crc32(('%s/%s/%s' % (kind, ns, name)).encode()):012d}"
    md["creationTimestamp"] = "2026-11-02T09:14:00Z"
    o = {"apiVersion": api, "kind": kind, "metadata": md}
    o.update(body)
    return o

def ns(name, labels=None):
    l = {"kubernetes.io/metadata.name": name}
    l.update(labels or {})
    return obj("v1", "Namespace", name, labels=l, spec={"finalizers": ["kubernetes"]}, status={"phase": "Active"})

def node(i, zone=None):
    l = {"kubernetes.io/hostname": f"node-{i}", "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", "node.kubernetes.io/instance-type": "Standard_D4s_v5"}
    if zone: l["topology.kubernetes.io/zone"] = zone
    return obj("v1", "Node", f"node-{i}", labels=l, spec={"podCIDR": f"10.244.{i}.0/24"},
               status={"nodeInfo": {"kubeletVersion": "v1.32.4"}, "conditions": [{"type": "Ready", "status": "True"}]})

def deploy(name, ns_, labels, image, replicas=1, probes=False, kind="Deployment"):
    c = {"name": name, "image": image, "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}}}
    if probes:
        c["readinessProbe"] = {"httpGet": {"path": "/ready", "port": 8080}}
        c["livenessProbe"] = {"httpGet": {"path": "/live", "port": 8080}}
    spec = {"selector": {"matchLabels": {"app": name}}, "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [c]}}}
    if kind != "DaemonSet": spec["replicas"] = replicas
    return obj("apps/v1", kind, name, ns_, labels=labels, spec=spec)

def chart(release, chart_name, version, ns_, workload=None, kind="Deployment", image="registry.example/x:1"):
    """A Helm release as the cluster shows it: the release Secret (data never read) and a chart-labelled workload."""
    secret = obj("v1", "Secret", f"sh.helm.release.v1.{release}.v3", ns_,
                 labels={"owner": "helm", "name": release, "status": "deployed", "version": "3", "modifiedAt": "1730538840"},
                 type="helm.sh/release.v1", data={"release": "SDRzSUFBQUFBQUFBL3NlY3JldC1yZWxlYXNlLXBheWxvYWQ="})
    labels = {"helm.sh/chart": f"{chart_name}-{version}", "app.kubernetes.io/name": workload or chart_name,
              "app.kubernetes.io/instance": release, "app.kubernetes.io/managed-by": "Helm", "app.kubernetes.io/version": version}
    return [secret, deploy(workload or release, ns_, labels, image, kind=kind)]

def crd(name, kind, versions=("v1",)):
    plural, group = name.split(".", 1)
    return obj("apiextensions.k8s.io/v1", "CustomResourceDefinition", name, spec={
        "group": group, "names": {"kind": kind, "plural": plural}, "scope": "Namespaced",
        "versions": [{"name": v, "served": True, "storage": i == 0, "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}}} for i, v in enumerate(versions)]})

def base(nodes=3, zones=None):
    items = [ns(n) for n in ["default", "kube-system", "kube-public", "kube-node-lease"]]
    items += [node(i, zones[i % len(zones)] if zones else None) for i in range(nodes)]
    items.append(deploy("coredns", "kube-system", {"k8s-app": "kube-dns"}, "registry.k8s.io/coredns/coredns:v1.11.3", replicas=2, probes=True))
    items.append(deploy("kube-proxy", "kube-system", {"k8s-app": "kube-proxy"}, "registry.k8s.io/kube-proxy:v1.32.4", kind="DaemonSet"))
    items.append(obj("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "cluster-admin", labels={"kubernetes.io/bootstrapping": "rbac-defaults"},
                     roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
                     subjects=[{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "system:masters"}]))
    items.append(obj("storage.k8s.io/v1", "StorageClass", "standard", provisioner="disk.csi.azure.com", reclaimPolicy="Delete", volumeBindingMode="WaitForFirstConsumer"))
    items.append(obj("v1", "Secret", "bootstrap-token-abcdef", "kube-system", type="bootstrap.kubernetes.io/token", data={"token-secret": "MDEyMzQ1Njc4OWFiY2RlZg=="}))
    return items

def tenant(name, group, psa=None, egress=False, app_probes=False):
    labels = {"team": name}
    labels.update(psa or {"pod-security.kubernetes.io/warn": "baseline"})
    items = [ns(name, labels)]
    items.append(obj("rbac.authorization.k8s.io/v1", "RoleBinding", f"{name}-developers", name,
                     roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "edit"},
                     subjects=[{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": group}]))
    items.append(obj("v1", "ResourceQuota", "compute", name, spec={"hard": {"requests.cpu": "8", "requests.memory": "16Gi", "limits.memory": "32Gi"}}))
    items.append(obj("v1", "LimitRange", "defaults", name, spec={"limits": [{"type": "Container", "default": {"memory": "512Mi"}, "defaultRequest": {"cpu": "100m", "memory": "128Mi"}}]}))
    items.append(obj("networking.k8s.io/v1", "NetworkPolicy", "deny-all-ingress", name, spec={"podSelector": {}, "policyTypes": ["Ingress"]}))
    items.append(obj("networking.k8s.io/v1", "NetworkPolicy", "allow-from-ingress-nginx", name, spec={"podSelector": {}, "policyTypes": ["Ingress"],
                     "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}]}]}))
    if egress:
        items.append(obj("networking.k8s.io/v1", "NetworkPolicy", "deny-all-egress", name, spec={"podSelector": {}, "policyTypes": ["Egress"]}))
    items.append(deploy(f"{name}-api", name, {"app.kubernetes.io/name": f"{name}-api"}, f"acme.azurecr.io/{name}/api:3f9c2d1", replicas=2, probes=app_probes))
    items.append(obj("v1", "Secret", f"{name}-db", name, type="Opaque", data={"password": "c3VwZXJzZWNyZXQtZGItcGFzc3dvcmQ="},
                     annotations={"kubectl.kubernetes.io/last-applied-configuration": '{"apiVersion":"v1","kind":"Secret","stringData":{"password":"supersecret-db-password"}}'}))
    return items

def as_list(items):
    return {"apiVersion": "v1", "kind": "List", "items": items, "metadata": {"resourceVersion": ""}}

def yaml_dump(value, indent=0):
    """A small YAML writer in kubectl's style (no dependency): strings quoted when YAML would read them otherwise."""
    pad = "  " * indent
    def scalar(v):
        if isinstance(v, bool): return "true" if v else "false"
        if isinstance(v, (int, float)): return str(v)
        if v == "" or v.lower() in ("true", "false", "null", "yes", "no", "~") or v[0] in "{[&*!|>'\"%@`#-?:,0123456789" or ": " in v or " #" in v or v != v.strip():
            return json.dumps(v)
        return v
    out = []
    if isinstance(value, dict):
        if not value: return pad + "{}\n"
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{scalar(k)}:\n" + yaml_dump(v, indent + 1 if isinstance(v, dict) else indent))
            else:
                out.append(f"{pad}{scalar(k)}: {scalar(v) if not isinstance(v, (dict, list)) else ('{}' if isinstance(v, dict) else '[]')}\n")
    else:
        for v in value:
            if isinstance(v, dict) and v:
                text = yaml_dump(v, indent + 1)
                out.append(f"{pad}- " + text[len(pad) + 2:])
            elif isinstance(v, list) and v:
                out.append(f"{pad}-\n" + yaml_dump(v, indent + 1))
            else:
                out.append(f"{pad}- {scalar(v) if not isinstance(v, (dict, list)) else '{}'}\n")
    return "".join(out)

# 1. bare
with open("bare-cluster.json", "w") as f:
    json.dump(as_list(base()), f, indent=2)
    f.write("\n")

# 2. level 2, built by hand
l2 = base()
l2 += [ns("ingress-nginx"), ns("monitoring"), ns("trivy-system")]
l2 += chart("ingress-nginx", "ingress-nginx", "4.11.3", "ingress-nginx", workload="ingress-nginx")
l2.append(obj("networking.k8s.io/v1", "IngressClass", "nginx", spec={"controller": "k8s.io/ingress-nginx"}))
l2 += chart("kube-prometheus-stack", "kube-prometheus-stack", "65.1.1", "monitoring", workload="kube-prometheus-stack-operator")
l2.append(crd("prometheuses.monitoring.coreos.com", "Prometheus"))
l2.append(crd("prometheusrules.monitoring.coreos.com", "PrometheusRule"))
l2 += chart("trivy-operator", "trivy-operator", "0.24.1", "trivy-system")
l2.append(crd("vulnerabilityreports.aquasecurity.github.io", "VulnerabilityReport", ("v1alpha1",)))
for t, g in [("shop", "shop-devs"), ("payments", "payments-devs"), ("search", "search-devs")]:
    l2 += tenant(t, g)
with open("level2-cluster.yaml", "w") as f:
    f.write(yaml_dump(as_list(l2)))

# 3. level 4-ish, per-resource folder
zones = ["westeurope-1", "westeurope-2", "westeurope-3"]
l4 = base(nodes=6, zones=zones)
platform = ["ingress-nginx", "monitoring", "trivy-system", "keda", "vpa", "external-secrets", "velero", "argocd", "argo-rollouts",
            "opentelemetry-operator-system", "tempo", "loki", "falco", "opencost", "chaos-mesh", "kyverno", "istio-system", "sloth"]
l4 += [ns(n) for n in platform]
l4 += chart("ingress-nginx", "ingress-nginx", "4.11.3", "ingress-nginx", workload="ingress-nginx")
l4.append(obj("networking.k8s.io/v1", "IngressClass", "nginx", spec={"controller": "k8s.io/ingress-nginx"}))
for rel, ch, ver, n, wl, kind in [
    ("kube-prometheus-stack", "kube-prometheus-stack", "65.1.1", "monitoring", "kube-prometheus-stack-operator", "Deployment"),
    ("trivy-operator", "trivy-operator", "0.24.1", "trivy-system", None, "Deployment"),
    ("keda", "keda", "2.16.0", "keda", "keda-operator", "Deployment"),
    ("vpa", "vpa", "4.7.1", "vpa", "vpa-recommender", "Deployment"),
    ("external-secrets", "external-secrets", "0.10.4", "external-secrets", None, "Deployment"),
    ("velero", "velero", "8.0.0", "velero", None, "Deployment"),
    ("argocd", "argo-cd", "7.6.8", "argocd", "argocd-application-controller", "StatefulSet"),
    ("argo-rollouts", "argo-rollouts", "2.37.7", "argo-rollouts", None, "Deployment"),
    ("opentelemetry-operator", "opentelemetry-operator", "0.71.0", "opentelemetry-operator-system", None, "Deployment"),
    ("tempo", "tempo", "1.10.3", "tempo", None, "StatefulSet"),
    ("loki", "loki", "6.16.0", "loki", None, "StatefulSet"),
    ("alloy", "alloy", "0.9.1", "loki", None, "DaemonSet"),
    ("falco", "falco", "4.11.0", "falco", None, "DaemonSet"),
    ("opencost", "opencost", "1.42.0", "opencost", None, "Deployment"),
    ("chaos-mesh", "chaos-mesh", "2.7.0", "chaos-mesh", "chaos-controller-manager", "Deployment"),
    ("kyverno", "kyverno", "3.3.2", "kyverno", "kyverno-admission-controller", "Deployment"),
    ("istiod", "istiod", "1.23.2", "istio-system", None, "Deployment"),
    ("sloth", "sloth", "0.11.0", "sloth", None, "Deployment"),
    ("cluster-autoscaler", "cluster-autoscaler", "9.43.0", "kube-system", None, "Deployment"),
    ("metrics-server", "metrics-server", "3.12.2", "kube-system", None, "Deployment"),
]:
    l4 += chart(rel, ch, ver, n, workload=wl, kind=kind)
for name, kind, vers in [("prometheuses.monitoring.coreos.com", "Prometheus", ("v1",)), ("prometheusrules.monitoring.coreos.com", "PrometheusRule", ("v1",)),
                         ("vulnerabilityreports.aquasecurity.github.io", "VulnerabilityReport", ("v1alpha1",)), ("scaledobjects.keda.sh", "ScaledObject", ("v1alpha1",)),
                         ("verticalpodautoscalers.autoscaling.k8s.io", "VerticalPodAutoscaler", ("v1",)), ("clustersecretstores.external-secrets.io", "ClusterSecretStore", ("v1beta1", "v1")),
                         ("schedules.velero.io", "Schedule", ("v1",)), ("restores.velero.io", "Restore", ("v1",)), ("applications.argoproj.io", "Application", ("v1alpha1",)),
                         ("rollouts.argoproj.io", "Rollout", ("v1alpha1",)), ("instrumentations.opentelemetry.io", "Instrumentation", ("v1alpha1",)),
                         ("peerauthentications.security.istio.io", "PeerAuthentication", ("v1", "v1beta1")), ("clusterpolicies.kyverno.io", "ClusterPolicy", ("v1",)),
                         ("imagevalidatingpolicies.policies.kyverno.io", "ImageValidatingPolicy", ("v1",)), ("prometheusservicelevels.sloth.slok.dev", "PrometheusServiceLevel", ("v1",)),
                         ("podchaos.chaos-mesh.org", "PodChaos", ("v1alpha1",)), ("volumesnapshotclasses.snapshot.storage.k8s.io", "VolumeSnapshotClass", ("v1",))]:
    l4.append(crd(name, kind, vers))
tenants = [("shop", "shop-devs"), ("payments", "payments-devs"), ("search", "search-devs")]
for t, g in tenants:
    l4 += tenant(t, g, psa={"pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "v1.32"}, egress=True, app_probes=True)
    l4.append(obj("velero.io/v1", "Schedule", f"daily-{t}", "velero", spec={"schedule": "0 2 * * *", "template": {"includedNamespaces": [t], "snapshotVolumes": True, "ttl": "720h0m0s"}}))
    l4.append(obj("argoproj.io/v1alpha1", "Application", t, "argocd", spec={"project": t, "source": {"repoURL": f"https://git.example.com/{t}/deploy.git", "path": "prod", "targetRevision": "main"},
                  "destination": {"server": "https://kubernetes.default.svc", "namespace": t}}))
    l4.append(obj("opentelemetry.io/v1alpha1", "Instrumentation", "default", t, spec={"exporter": {"endpoint": "http://otel-collector.opentelemetry-operator-system:4317"}}))
for app in ["monitoring", "velero", "ingress-nginx", "kyverno"]:
    l4.append(obj("argoproj.io/v1alpha1", "Application", f"platform-{app}", "argocd", spec={"project": "platform", "source": {"repoURL": "https://git.example.com/platform/addons.git", "path": app},
                  "destination": {"server": "https://kubernetes.default.svc", "namespace": app}}))
l4.append(obj("velero.io/v1", "Restore", "rehearsal-shop-2026-11", "velero", spec={"backupName": "daily-shop-20261101020000"}, status={"phase": "Completed"}))
l4.append(obj("v1", "Secret", "cluster-prod-westus", "argocd", labels={"argocd.argoproj.io/secret-type": "cluster"}, type="Opaque", data={"config": "eyJiZWFyZXJUb2tlbiI6InNlY3JldCJ9"}))
l4.append(obj("external-secrets.io/v1", "ClusterSecretStore", "azure-key-vault", spec={"provider": {"azurekv": {"vaultUrl": "https://acme-prod.vault.azure.net"}}}))
l4.append(obj("monitoring.coreos.com/v1", "PrometheusRule", "platform-alerts", "monitoring", spec={"groups": [
    {"name": "workloads", "rules": [
        {"alert": "PodCrashLooping", "expr": 'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m]) >= 1', "for": "15m"},
        {"alert": "CriticalVulnerabilities", "expr": 'sum by (namespace) (trivy_image_vulnerabilities{severity="Critical"}) > 0', "for": "1h"}]},
    {"name": "dora", "rules": [{"record": "dora:deployment_frequency:rate1d", "expr": "sum(changes(kube_deployment_status_observed_generation[1d]))"}]}]}))
l4.append(obj("sloth.slok.dev/v1", "PrometheusServiceLevel", "ingress", "monitoring", spec={"service": "ingress", "slos": [{"name": "availability", "objective": 99.9}]}))
l4.append(obj("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", "workload-standards", spec={"failurePolicy": "Fail", "matchConstraints": {"resourceRules": [{"apiGroups": ["apps"], "apiVersions": ["v1"], "operations": ["CREATE", "UPDATE"], "resources": ["deployments"]}]},
    "validations": [{"expression": "object.spec.template.spec.containers.all(c, has(c.readinessProbe) && has(c.livenessProbe))"},
                    {"expression": "object.spec.template.spec.containers.all(c, c.image.startsWith('acme.azurecr.io/'))"},
                    {"expression": "has(object.spec.template.metadata.labels) && 'team' in object.spec.template.metadata.labels && 'cost-center' in object.spec.template.metadata.labels"},
                    {"expression": "object.spec.template.spec.containers.all(c, has(c.resources.requests) && has(c.resources.limits))"},
                    {"expression": "object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))"}]}))
l4.append(obj("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding", "workload-standards", spec={"policyName": "workload-standards", "validationActions": ["Deny"],
    "matchResources": {"namespaceSelector": {"matchExpressions": [{"key": "team", "operator": "Exists"}]}}}))
l4.append(obj("policies.kyverno.io/v1", "ImageValidatingPolicy", "signed-images", spec={"validationActions": ["Deny"], "matchImageReferences": [{"glob": "acme.azurecr.io/*"}]}))
l4.append(obj("scheduling.k8s.io/v1", "PriorityClass", "business-critical", value=100000, globalDefault=False))
l4.append(obj("storage.k8s.io/v1", "StorageClass", "premium-zrs-retain", provisioner="disk.csi.azure.com", reclaimPolicy="Retain", allowVolumeExpansion=True, parameters={"skuName": "Premium_ZRS"}))
l4.append(obj("snapshot.storage.k8s.io/v1", "VolumeSnapshotClass", "csi-azuredisk", driver="disk.csi.azure.com", deletionPolicy="Delete"))
l4.append(obj("v1", "ConfigMap", "cluster-autoscaler-status", "kube-system", data={"status": "Cluster-autoscaler status at 2026-12-01: Healthy"}))
shutil.rmtree("level4-cluster", ignore_errors=True)
os.makedirs("level4-cluster")
def resource(o):
    api = o["apiVersion"]; group = api.split("/")[0] if "/" in api else ""
    plural = {"Namespace": "namespaces", "Node": "nodes", "Deployment": "deployments", "DaemonSet": "daemonsets", "StatefulSet": "statefulsets", "ClusterRoleBinding": "clusterrolebindings",
              "RoleBinding": "rolebindings", "StorageClass": "storageclasses", "Secret": "secrets", "ResourceQuota": "resourcequotas", "LimitRange": "limitranges",
              "NetworkPolicy": "networkpolicies", "IngressClass": "ingressclasses", "CustomResourceDefinition": "customresourcedefinitions", "Schedule": "schedules",
              "Application": "applications", "Instrumentation": "instrumentations", "Restore": "restores", "ClusterSecretStore": "clustersecretstores",
              "PrometheusRule": "prometheusrules", "PrometheusServiceLevel": "prometheusservicelevels", "ValidatingAdmissionPolicy": "validatingadmissionpolicies",
              "ValidatingAdmissionPolicyBinding": "validatingadmissionpolicybindings", "ImageValidatingPolicy": "imagevalidatingpolicies", "PriorityClass": "priorityclasses",
              "VolumeSnapshotClass": "volumesnapshotclasses", "ConfigMap": "configmaps"}[o["kind"]]
    return plural if not group else f"{plural}.{group}"
served = ["namespaces", "nodes", "secrets", "configmaps", "resourcequotas", "limitranges", "pods", "services", "serviceaccounts", "persistentvolumeclaims",
          "deployments.apps", "statefulsets.apps", "daemonsets.apps", "replicasets.apps", "networkpolicies.networking.k8s.io", "ingressclasses.networking.k8s.io",
          "ingresses.networking.k8s.io", "rolebindings.rbac.authorization.k8s.io", "clusterrolebindings.rbac.authorization.k8s.io", "roles.rbac.authorization.k8s.io",
          "clusterroles.rbac.authorization.k8s.io", "validatingadmissionpolicies.admissionregistration.k8s.io", "validatingadmissionpolicybindings.admissionregistration.k8s.io",
          "horizontalpodautoscalers.autoscaling", "poddisruptionbudgets.policy", "priorityclasses.scheduling.k8s.io", "storageclasses.storage.k8s.io",
          "csidrivers.storage.k8s.io", "apiservices.apiregistration.k8s.io", "customresourcedefinitions.apiextensions.k8s.io"]
served += sorted(o["metadata"]["name"] for o in l4 if o["kind"] == "CustomResourceDefinition")
by = {}
for o in l4:
    by.setdefault(resource(o), []).append(o)
for r in served:
    if r == "peerauthentications.security.istio.io":
        with open(f"level4-cluster/{r}.error", "w") as f:
            f.write('Error from server (Forbidden): peerauthentications.security.istio.io is forbidden: User "assessor@acme.example" cannot list resource "peerauthentications" in API group "security.istio.io" at the cluster scope\n')
        continue
    with open(f"level4-cluster/{r}.json", "w") as f:
        json.dump(as_list(by.get(r, [])), f, indent=2)
        f.write("\n")
with open("level4-cluster/api-resources.txt", "w") as f:
    f.write("\n".join(served) + "\n")
