// Pulumi's testing API keeps the running deployment in process-wide state and reads config from environment
// variables: its docs require tests that use it to run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
