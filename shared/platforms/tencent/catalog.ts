// Every callback of the platform: the generated list of the definition files in callbacks/.
export { callbacks as tencentCallbacks } from "./callbacks";
