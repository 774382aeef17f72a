// The only Bootstrap plugins the templates use: the navbar's menu (data-bs-toggle="collapse")
// and the messages' close button (data-bs-dismiss="alert"). Each registers its data API on
// import; grep the templates for data-bs- before adding one.
import "bootstrap/js/src/alert.js";
import "bootstrap/js/src/collapse.js";
