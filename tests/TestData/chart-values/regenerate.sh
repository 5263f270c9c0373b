#!/bin/sh
# Re-extracts every key list from local mirrors of the charts' repositories (M = the folder holding them).
# Each mirror is a bare clone named owner+repo/repo; the revs are the charts' release tags (vpa: the commit of 5.0.0).
set -e
M=${M:-/work/.mirror}
cd "$(dirname "$0")"
python3 extract-keys.py metrics-server-3.13.1 "github.com/kubernetes-sigs/metrics-server" $M/kubernetes-sigs+metrics-server/repo metrics-server-helm-chart-3.13.1 charts/metrics-server
python3 extract-keys.py kube-prometheus-stack-88.5.3 "github.com/prometheus-community/helm-charts" $M/prometheus-community+helm-charts/repo kube-prometheus-stack-88.5.3 charts/kube-prometheus-stack \
  "kube-state-metrics=$M/prometheus-community+helm-charts/repo:kube-state-metrics-8.4.0:charts/kube-state-metrics" \
  "prometheus-node-exporter=$M/prometheus-community+helm-charts/repo:prometheus-node-exporter-4.56.1:charts/prometheus-node-exporter" \
  "grafana=$M/grafana-community+helm-charts/repo:grafana-12.11.1:charts/grafana"
python3 extract-keys.py argo-rollouts-2.41.0 "github.com/argoproj/argo-helm" $M/argoproj+argo-helm/repo argo-rollouts-2.41.0 charts/argo-rollouts
python3 extract-keys.py velero-12.1.0 "github.com/vmware-tanzu/helm-charts" $M/vmware-tanzu+helm-charts/repo velero-12.1.0 charts/velero
python3 extract-keys.py opentelemetry-operator-0.122.0 "github.com/open-telemetry/opentelemetry-helm-charts" $M/open-telemetry+opentelemetry-helm-charts/repo opentelemetry-operator-0.122.0 charts/opentelemetry-operator
python3 extract-keys.py tempo-1.26.7 "github.com/grafana-community/helm-charts" $M/grafana-community+helm-charts/repo tempo-1.26.7 charts/tempo
python3 extract-keys.py loki-18.11.0 "github.com/grafana-community/helm-charts" $M/grafana-community+helm-charts/repo loki-18.11.0 charts/loki
python3 extract-keys.py alloy-1.11.1 "github.com/grafana/alloy" $M/grafana+alloy/repo helm-chart/1.11.1 operations/helm/charts/alloy
python3 extract-keys.py trivy-operator-0.34.0 "github.com/aquasecurity/trivy-operator" $M/aquasecurity+trivy-operator/repo v0.32.0 deploy/helm
python3 extract-keys.py external-secrets-2.9.0 "github.com/external-secrets/external-secrets" $M/external-secrets+external-secrets/repo helm-chart-2.9.0 deploy/charts/external-secrets
python3 extract-keys.py keda-2.20.2 "github.com/kedacore/charts" $M/kedacore+charts/repo v2.20.2 keda
python3 extract-keys.py vpa-5.0.0 "github.com/FairwindsOps/charts" $M/FairwindsOps+charts/repo 5f478fcec32f69a0818a7f78f4be5cbe7a1719c4 stable/vpa
python3 extract-keys.py gateway-helm-v1.9.0 "github.com/envoyproxy/gateway" $M/envoyproxy+gateway/repo v1.9.0 charts/gateway-helm
# Level 4 (per-cluster components)
python3 extract-keys.py chaos-mesh-2.8.3 "github.com/chaos-mesh/chaos-mesh" $M/chaos-mesh+chaos-mesh/repo chart-2.8.3 helm/chaos-mesh
python3 extract-keys.py sloth-0.16.0 "github.com/slok/sloth" $M/slok+sloth/repo sloth-helm-chart-0.16.0 deploy/kubernetes/helm/sloth
python3 extract-keys.py opencost-2.5.17 "github.com/opencost/opencost-helm-chart" $M/opencost+opencost-helm-chart/repo opencost-2.5.17 charts/opencost
python3 extract-keys.py goldilocks-11.0.0 "github.com/FairwindsOps/charts" $M/FairwindsOps+charts/repo 00e3c8fa57179541c6bd3c13a7e99aba2072642c stable/goldilocks
python3 extract-keys.py cloudnative-pg-0.29.0 "github.com/cloudnative-pg/charts" $M/cloudnative-pg+charts/repo cloudnative-pg-v0.29.0 charts/cloudnative-pg
python3 extract-keys.py plugin-barman-cloud-0.7.0 "github.com/cloudnative-pg/charts" $M/cloudnative-pg+charts/repo plugin-barman-cloud-v0.7.0 charts/plugin-barman-cloud
python3 extract-keys.py snapshot-controller-5.2.0 "github.com/piraeusdatastore/helm-charts" $M/piraeusdatastore+helm-charts/repo 5d733d8c44f666d26a7f1dd210fee876eae16c3f charts/snapshot-controller
# istio's charts nest their defaults under _internal_defaults_do_not_set and are set at the top level: strip it.
for c in "base manifests/charts/base" "istiod manifests/charts/istio-control/istio-discovery" "cni manifests/charts/istio-cni"; do
  set -- $c
  python3 extract-keys.py $1-1.30.3 "github.com/istio/istio" $M/istio+istio/repo 1.30.3 $2
  sed -i 's/^_internal_defaults_do_not_set\.//' $1-1.30.3.keys
done
python3 extract-keys.py falco-9.1.0 "github.com/falcosecurity/charts" $M/falcosecurity+charts/repo falco-9.1.0 charts/falco "falcosidekick=$M/falcosecurity+charts/repo:falcosidekick-0.12.1:charts/falcosidekick"
python3 extract-keys.py argo-cd-10.1.1 "github.com/argoproj/argo-helm" $M/argoproj+argo-helm/repo argo-cd-10.1.1 charts/argo-cd
printf '# pass-through maps: the chart renders every key of these maps except create/annotations into the ConfigMap\n# (templates/_helpers.tpl argo-cd.config.cm; argocd-rbac-cm.yaml and argocd-cmd-params-cm.yaml omit create/annotations and toYaml the rest)\nconfigs.cm {}\nconfigs.rbac {}\nconfigs.params {}\n' >> argo-cd-10.1.1.keys
python3 extract-keys.py kyverno-3.9.0 "github.com/kyverno/kyverno" $M/kyverno+kyverno/repo kyverno-chart-3.9.0 charts/kyverno
# Level 5 (AI-ready capacity)
python3 extract-keys.py gpu-operator-v26.7.0 "github.com/NVIDIA/gpu-operator" $M/NVIDIA+gpu-operator/repo v26.7.0 deployments/gpu-operator
python3 extract-keys.py kueue-0.19.2 "github.com/kubernetes-sigs/kueue" $M/kubernetes-sigs+kueue/repo v0.19.2 charts/kueue
python3 extract-keys.py keda-add-ons-http-0.15.0 "github.com/kedacore/charts" $M/kedacore+charts/repo c4b92e9d http-add-on
# Level 5 model serving, AI operator, DRA (checked, not installed)
python3 extract-keys.py workspace-0.12.0 "github.com/kaito-project/kaito" $M/kaito-project+kaito/repo v0.12.0 charts/kaito/workspace
python3 extract-keys.py kserve-v0.16.0 "github.com/kserve/kserve" $M/kserve+kserve/repo v0.16.0 charts/kserve-resources
python3 extract-keys.py kserve-crd-v0.16.0 "github.com/kserve/kserve" $M/kserve+kserve/repo v0.16.0 charts/kserve-crd
python3 extract-keys.py cert-manager-v1.21.1 "github.com/cert-manager/cert-manager" $M/cert-manager+cert-manager/repo v1.21.1 deploy/charts/cert-manager
python3 extract-keys.py kuberay-operator-1.7.0 "github.com/ray-project/kuberay" $M/ray-project+kuberay/repo v1.7.0 helm-chart/kuberay-operator
python3 extract-keys.py nvidia-dra-driver-gpu-25.12.0 "github.com/NVIDIA/k8s-dra-driver-gpu" $M/NVIDIA+k8s-dra-driver-gpu/repo v25.12.0 deployments/helm/nvidia-dra-driver-gpu
