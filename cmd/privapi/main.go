// Command privapi checks, before apply, that Amazon API Gateway private REST
// APIs in a Terraform plan will be reachable from their VPC clients.
package main

import (
	"os"
)

func main() {
	stop := watchMemory(os.Getenv, os.Stderr, os.Exit)
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(int(code))
}
