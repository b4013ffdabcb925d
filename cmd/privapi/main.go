// Command privapi checks, before apply, that Amazon API Gateway private REST
// APIs in a Terraform plan will be reachable from their VPC clients.
package main

import (
	"os"
)

func main() {
	os.Exit(int(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)))
}
