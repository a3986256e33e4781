/**
 * Test data (no production code imports this file): the example OpenPitrix VM package of
 * the OpenPitrix packaging spec (openpitrix/website
 * docs/v0.4/zh-CN/developer-guide/openpitrix-specification.md, Apache-2.0; a copy is in
 * ../shared/corpus/openpitrix/spec/). Its Kafka package.json, its config.json and its
 * cluster.json.tmpl as printed there, with the "***" sibling markers removed as the spec
 * tells developers to do, plus its zh-cn locale example. No real package exists to test with.
 */

export const PACKAGE_JSON = `{
  "apiVersion": "v1",
  "name": "kafka",
  "version": "0.2.7",
  "description": "Apache Kafka is publish-subscribe messaging rethought as a distributed commit log.",
  "home": "https://kafka.apache.org/",
  "icon": "https://kafka.apache.org/images/logo.png",
  "screenshots": [
    "https://abc.png",
    "https://def.png"
  ],
  "keywords": [
    "kafka",
    "zookeeper",
    "kafka statefulset"
  ],
  "maintainers": [
    {
      "name": "Faraaz Khan",
      "email": "faraaz@rationalizeit.us"
    },
    {
      "name": "ben",
      "email": "ben@spothero.com"
    }
  ],
  "sources": [
    "https://github.com/Yolean/kubernetes-kafka",
    "https://github.com/confluentinc/cp-docker-images",
    "https://github.com/apache/kafka"
  ]
}
`;

export const CONFIG_JSON = `{
    "type": "array",
    "properties": [{
        "key": "cluster",
        "description": "cluster properties",
        "type": "array",
        "properties": [{
            "key": "name",
            "label": "Name",
            "description": "The name of the application",
            "type": "string",
            "default": "",
            "required": false
        }, {
            "key": "description",
            "label": "Description",
            "description": "The description of the application",
            "type": "string",
            "default": "",
            "required": false
        }, {
            "key": "vxnet",
            "label": "VxNet",
            "description": "The vxnet that the application will join",
            "type": "string",
            "default": "",
            "required": true
        }, {
            "key": "role_name",
            "description": "role-based node properties",
            "label": "Role Name",
            "type": "array",
            "properties": [{
                "key": "cpu",
                "label": "CPU",
                "description": "CPUs of each node",
                "type": "integer",
                "default": 1,
                "range": [1, 2, 4, 8, 16],
                "required": true
            }, {
                "key": "memory",
                "label": "Memory",
                "description": "Memory of each node (in MiB)",
                "type": "integer",
                "default": 2048,
                "range": [2048, 8192, 16384, 32768, 49152],
                "required": true
            }, {
                "key": "count",
                "label": "Count",
                "description": "Number of nodes for the cluster to create",
                "type": "integer",
                "default": 3,
                "max": 100,
                "min": 1,
                "required": true
            }, {
                "key": "volume_size",
                "label": "Volume Size",
                "description": "The volume size for each instance",
                "type": "integer",
                "default": 10,
                "min": 10,
                "max": 1000,
                "step": 10,
                "required": true
            }]
        }]
    }, {
        "key": "env",
        "description": "application configuration properties",
        "type": "array",
        "properties": [{
            "key": "common.param",
            "label": "Common Param",
            "description": "The common.param1 for all nodes",
            "type": "string",
            "changeable": true,
            "default": "value1,value11",
            "separator": ",",
            "range": ["value1", "value11", "value111"],
            "multichoice": true,
            "required": true
        }, {
            "key": "role_name",
            "description": "The role configuration properties of the application",
            "type": "array",
            "properties": [{
                "key": "param",
                "label": "Role Param",
                "description": "The param for all slave nodes",
                "type": "string",
                "changeable": true,
                "default": "value1",
                "range": ["value1", "value11"],
                "required": true
            }]
        }]
    }, {
        "key": "service_params",
        "description": "Custom service configuration properties",
        "type": "array",
        "properties": [{
            "key": "common.param",
            "label": "Common Param",
            "description": "The common.param1 for all nodes",
            "type": "string",
            "default": "value1,value11",
            "separator": ",",
            "range": ["value1", "value11", "value111"],
            "multichoice": true,
            "required": true
        }, {
            "key": "role_name",
            "description": "Custom service the role (role_name) configuration properties",
            "type": "array",
            "properties": [{
                "key": "param",
                "label": "Role Param",
                "description": "The param for all slave nodes",
                "type": "string",
                "pattern": "^value.+",
                "default": "value1",
                "range": ["value1", "value11"],
                "required": true
            }]
        }]
    }]
}
`;

export const CLUSTER_JSON_TMPL = `{
    "name": "{{.cluster.name}}",
    "description": "{{.cluster.description}}",
    "vxnet": "{{.cluster.vxnet}}",
    "nodes": [{
        "role": "role_name",
        "container": {
            "type": "docker",
            "image": "gcr.io/google_samples/k8szk:v2"
        },
        "count": "{{.cluster.role_name.count}}",
        "cpu": "{{.cluster.role_name.cpu}}",
        "memory": "{{.cluster.role_name.memory}}",
        "volume": {
            "size": "{{.cluster.role_name.volume_size}}",
            "mount_point": "/data",
            "mount_options": "defaults,noatime",
            "filesystem": "ext4"
        },
        "passphraseless": "ssh-dsa",
        "services": {
            "init": {
                "nodes_to_execute_on": 1,
                "post_start_service": false,
                "cmd": "mkdir -p /bigdata1/myapp;/opt/myapp/bin/init-cluster.sh"
            },
            "start": {
                "order": 1,
                "cmd": "/opt/myapp/bin/start-server.sh"
            },
            "stop": {
                "cmd": "/opt/myapp/bin/stop-server.sh"
            },
            "scale_out": {
                "pre_check": "/opt/myapp/sbin/scale-out-pre-check.sh",
                "cmd": "/opt/myapp/sbin/scale-out.sh"
            },
            "scale_in": {
                "pre_check": "/opt/myapp/sbin/scale-in-pre-check.sh",
                "cmd": "/opt/myapp/sbin/scale-in.sh",
                "timeout": 86400
            },
            "restart": {
                "cmd": "/opt/myapp/sbin/restart-server.sh"
            },
            "destroy": {
                "allow_force": true,
                "nodes_to_execute_on": 1,
                "post_stop_service": true,
                "cmd": "/opt/myapp/sbin/destroy-server.sh"
            }
        },
        "server_id_upper_bound": 255,
        "env": {
            "param": "{{.env.role_name.param}}"
        },
        "custom_metadata": {
            "cmd": "/opt/myapp/sbin/get_token.sh"
        }
    }],
    "env": {
        "common.param": "{{.env.common_param}}"
    },
    "endpoints": {
        "client": {
            "port": 2181,
            "protocol": "tcp"
        }
    }
}
`;

export const LOCALE_ZH_CN = `{
    "Master": "主节点",
    "Slave": "从节点",
    "CPU": "CPU",
    "Memory": "内存",
    "Subnet": "私有网络",
    "The name of the service": "服务名称",
    "The description of the service": "服务描述",
    "CPUs of each node": "每个节点的 CPU 数量",
    "Memory of each node (in MiB)": "每个节点的内存大小（单位 MiB）",
    "The subnet that the application will join": "应用运行的私有网络环境",
    "scale_horizontal": "横向扩容"
}
`;

/** The files of the example package as `op package` lays them out: `kafka/<file>`. */
export function specExampleFiles(): Map<string, Buffer> {
  return new Map([
    ["kafka/package.json", Buffer.from(PACKAGE_JSON)],
    ["kafka/config.json", Buffer.from(CONFIG_JSON)],
    ["kafka/cluster.json.tmpl", Buffer.from(CLUSTER_JSON_TMPL)],
    ["kafka/locale/zh-cn.json", Buffer.from(LOCALE_ZH_CN)],
    ["kafka/README.md", Buffer.from("# Kafka\n")],
  ]);
}
